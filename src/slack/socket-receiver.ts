import { SocketModeReceiver, type App, type AppOptions, type Logger, type LogLevel, type ReceiverEvent } from '@slack/bolt';
import type { Metrics } from '../metrics.js';
import type { AckGate } from './queue/ack-gate.js';

/**
 * Socket Mode's receiver: Bolt's own SocketModeReceiver, with the envelope ack sent only once the app has processed
 * the envelope — what processBeforeResponse is in HTTP mode. Bolt's App.processEvent acks an Events API envelope
 * before any listener runs, and Slack never redelivers an acked envelope: without this, an event acked in the moment
 * before the listener wrote it to the durable inbox was lost to a crash in that moment.
 *
 * How: the app's ack() only records the response; the receiver's real ack sends it after App.processEvent settles.
 * The seam is the one Bolt's Receiver interface defines — the receiver calls `app.processEvent({ body, ack, … })` — so
 * init() hands Bolt's receiver the app with processEvent wrapped. Everything else stays Bolt's: the WebSocket client
 * (reconnects, pings, `disconnect` messages) and the 'slack_event' handler, whose catch applies
 * processEventErrorHandler when processEvent rejects (by default: ack only an AuthorizationError, else let Slack
 * redeliver), with its own ack, which the wrapper has not used. Replacing that handler on `receiver.client` would
 * mean keeping a copy of it in step with Bolt (retry fields, custom properties, the error rule); writing our own
 * client, the whole connection life cycle.
 *
 * Our listeners return after one SQLite insert (synchronous; the Home tab and buttons run after the ack, on the
 * inbox's pump), so the deferred ack stays far inside Slack's 3 seconds. A listener that throws is logged by
 * app.error and processEvent resolves, so what it acked is still sent; one that never calls ack() leaves the envelope
 * unacked, as in Bolt.
 */
export class DeferredAckSocketModeReceiver extends SocketModeReceiver {
  private readonly log: Logger;
  private readonly ackGate: AckGate | undefined;
  private readonly metrics: Metrics | undefined;

  /**
   * As Bolt builds its own: the App's logger (Bolt-shaped), and its clientOptions for apps.connections.open. With an
   * ack gate, the inbox's work waits while an envelope is unacked, as it does for HTTP requests.
   */
  constructor(o: { appToken: string; logger: Logger; logLevel: LogLevel; clientOptions: AppOptions['clientOptions']; ackGate?: AckGate; metrics?: Metrics }) {
    super({ appToken: o.appToken, logger: o.logger, logLevel: o.logLevel, installerOptions: { clientOptions: o.clientOptions } });
    this.log = o.logger;
    this.ackGate = o.ackGate;
    this.metrics = o.metrics;
  }

  override init(app: App): void {
    super.init(withDeferredAck(app, this.log, this.ackGate, this.metrics));
  }
}

/** The app as the receiver sees it: processEvent gets an ack that records, and the real ack is sent when it settles. */
function withDeferredAck(app: App, logger: Logger, ackGate: AckGate | undefined, metrics: Metrics | undefined): App {
  const processEvent = async (event: ReceiverEvent): Promise<void> => {
    const started = performance.now();
    let response: { body: unknown } | undefined;
    const answered = ackGate?.enter();
    try {
      await app.processEvent({
        ...event,
        ack: async (body?: unknown) => {
          // Bolt's SocketModeResponseAck also keeps the first and only warns on a second one.
          if (response) return logger.warn('ack() called twice for one Socket Mode envelope; the first is sent');
          response = { body };
        },
      });
      if (response) await event.ack(response.body);
    } finally {
      answered?.();
      metrics?.slackRequests.inc({ transport: 'socket', status: response ? 'ack' : 'none' });
      if (response) metrics?.slackAck.observe({ transport: 'socket' }, (performance.now() - started) / 1000);
    }
  };
  // A Proxy rather than a copy: the receiver holds an App, and only processEvent differs.
  return new Proxy(app, { get: (target, prop, receiver) => (prop === 'processEvent' ? processEvent : Reflect.get(target, prop, receiver)) });
}
