import { HTTPReceiver, type LogLevel } from '@slack/bolt';
import type { Storage } from '../store/port.js';
import { systemClock } from '../clock.js';
import { boltLogger, type Logger } from '../log.js';
import type { AckGate } from './queue/ack-gate.js';
import { guardRequests } from './request-guard.js';

/** HTTP mode's receiver: /slack/events behind our request guard, and /healthz. */
export function httpReceiver(o: { signingSecret: string; store: Storage; logger: Logger; logLevel: LogLevel; ackGate: AckGate }): HTTPReceiver {
  const receiver = new HTTPReceiver({
    signingSecret: o.signingSecret,
    endpoints: '/slack/events',
    // The listener writes to the inbox before Slack is answered: an acked request is never lost to a crash.
    processBeforeResponse: true,
    logger: boltLogger(o.logger),
    logLevel: o.logLevel,
    customRoutes: [
      {
        path: '/healthz',
        method: ['GET'],
        handler: async (_req, res) => {
          const ok = await o.store.ping();
          res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ok }));
        },
      },
    ],
  });
  // Signatures are fresh against the wall clock, as Bolt checks them (Date.now), not the bot's business clock.
  receiver.requestListener = guardRequests(receiver.requestListener, { wallClock: systemClock, logger: o.logger, ackGate: o.ackGate });
  return receiver;
}
