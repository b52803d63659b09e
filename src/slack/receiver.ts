import { HTTPReceiver, type LogLevel } from '@slack/bolt';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Metrics } from '../metrics.js';
import type { Storage } from '../store/port.js';
import { systemClock } from '../clock.js';
import { boltLogger, type Logger } from '../log.js';
import type { AckGate } from './queue/ack-gate.js';
import { opsRoutes, STUCK_AFTER_SECONDS } from '../ops-routes.js';
import { guardRequests } from './request-guard.js';

/** HTTP mode's receiver: /slack/events behind our request guard, and /healthz, /readyz and /metrics. */
export function httpReceiver(o: {
  signingSecret: string;
  store: Storage;
  logger: Logger;
  logLevel: LogLevel;
  ackGate: AckGate;
  metrics: Metrics;
}): HTTPReceiver {
  const receiver = new HTTPReceiver({
    signingSecret: o.signingSecret,
    endpoints: '/slack/events',
    // The listener writes to the inbox before Slack is answered: an acked request is never lost to a crash.
    processBeforeResponse: true,
    logger: boltLogger(o.logger),
    logLevel: o.logLevel,
    customRoutes: opsRoutes({ store: o.store, metrics: o.metrics, stuckAfterSeconds: STUCK_AFTER_SECONDS }),
  });
  // Signatures are fresh against the wall clock, as Bolt checks them (Date.now), not the bot's business clock.
  receiver.requestListener = timed(guardRequests(receiver.requestListener, { wallClock: systemClock, logger: o.logger, ackGate: o.ackGate }), o.metrics);
  return receiver;
}

/** Counts Slack's requests and times each until its answer is sent (what Slack waits on, 3 s at most). */
function timed(listener: RequestListener, metrics: Metrics): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'POST') {
      const started = performance.now();
      res.once('finish', () => {
        metrics.slackRequests.inc({ transport: 'http', status: String(res.statusCode) });
        metrics.slackAck.observe({ transport: 'http' }, (performance.now() - started) / 1000);
      });
    }
    listener(req, res);
  };
}
