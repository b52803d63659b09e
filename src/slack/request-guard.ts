import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { AckGate } from './queue/ack-gate.js';

/** Slack's replay window, also for timestamps from the future (Bolt only refuses old ones). */
const MAX_CLOCK_SKEW_SEC = 5 * 60;

/** Bolt's own body limit (HTTPReceiver's default): enforced here, because the body is now read here. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * Whether Bolt's body parser will produce an object. Bolt reads `body.ssl_check` right after JSON.parse, outside any
 * try: a signed body of `null` (or `payload=1`) is an unhandled rejection that kills the process. JSON that starts with
 * `{` parses to an object or fails to parse (which Bolt answers with 400).
 */
function parsesToObject(raw: Buffer, contentType: string | undefined): boolean {
  if (contentType === 'application/x-www-form-urlencoded') {
    const { payload } = parseQuery(raw.toString('utf8')); // as Bolt parses it: only a single `payload` field is JSON-parsed
    return typeof payload !== 'string' || payload.trimStart().startsWith('{');
  }
  // JSON (an event: up to a 40 KB paste): the first byte that is not white space, read off the bytes, not a decoded copy.
  for (const b of raw) if (!JSON_WHITE_SPACE.has(b)) return b === 0x7b; // {
  return false;
}

/** What JSON.parse skips before a value, as bytes (String.prototype.trimStart also skips other Unicode spaces). */
const JSON_WHITE_SPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** Reads a request body up to `limit` bytes; null when it is larger (the rest is drained, not kept). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      resolve(null);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Checks Bolt's HTTP receiver does not make, in front of it: timestamps from the future (Bolt refuses only old ones),
 * bodies over the limit, and signed bodies that are not JSON objects (which crash Bolt). Bolt then verifies the
 * signature on the body read here (`rawBody`).
 */
export function guardRequests(
  verified: RequestListener,
  { wallClock, logger, ackGate }: { wallClock: Clock; logger: Logger; ackGate?: AckGate },
): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (ackGate && req.method === 'POST') {
      const answered = ackGate.enter();
      res.once('finish', answered);
      res.once('close', answered);
    }
    const ts = Number(req.headers['x-slack-request-timestamp']);
    if (req.method === 'POST' && Number.isFinite(ts) && ts > wallClock().getTime() / 1000 + MAX_CLOCK_SKEW_SEC) {
      logger.warn({ ts }, 'refused a request signed with a timestamp from the future');
      res.writeHead(401);
      res.end();
      return;
    }
    if (req.method !== 'POST') {
      verified(req, res);
      return;
    }
    // Read the body here (Bolt uses a body already read: `rawBody`), to refuse one Bolt would crash on.
    readBody(req, MAX_BODY_BYTES).then(
      (raw) => {
        if (raw === null) {
          logger.warn({ limit: MAX_BODY_BYTES }, 'refused a request body over the size limit');
          res.writeHead(413);
          res.end();
          return;
        }
        if (!parsesToObject(raw, req.headers['content-type'])) {
          logger.warn('refused a request body that is not a JSON object');
          res.writeHead(400);
          res.end();
          return;
        }
        (req as IncomingMessage & { rawBody?: Buffer }).rawBody = raw;
        verified(req, res);
      },
      (err: unknown) => {
        logger.warn({ err }, 'could not read a request body');
        if (!res.headersSent) res.writeHead(400);
        res.end();
      },
    );
  };
}
