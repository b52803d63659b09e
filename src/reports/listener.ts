/**
 * POST /ingest/v1/reports on INGEST_HOST:INGEST_PORT, a node:http server of its own, apart from Slack's port in both
 * modes. A burst of reports never delays Slack's acks: at most MAX_AT_ONCE reports are worked on at a time (their log
 * scans run on the scan thread), a few more wait, and beyond that the answer is 503 with Retry-After (the script
 * retries).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log.js';
import { answerOps, opsHandlers, type OpsDeps } from '../ops-routes.js';
import { acceptReport, MAX_WIRE_BYTES, type AcceptDeps, type IngestAnswer } from './accept.js';

export const INGEST_PATH = '/ingest/v1/reports';
const MAX_AT_ONCE = 2;
const MAX_WAITING = 32;

export interface IngestListener {
  readonly port: number;
  /** Resolves when the work after the answers under way (alerts) has finished: a graceful stop; tests. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface IngestListenerOptions extends Omit<AcceptDeps, 'inFlight'> {
  readonly host: string;
  readonly port: number;
  readonly logger: Logger;
  /** Called after a report is recorded (alerts); its failure is logged, never the sender's problem. */
  readonly onRecorded?: (answer: IngestAnswer) => Promise<void>;
  /** Called with each signed report's outcome (the operator's metrics): recorded or a duplicate, else refused. */
  readonly onAnswered?: (result: 'accepted' | 'refused') => void;
  /**
   * The operator's routes (/metrics, /healthz, /readyz) on this port too: a network that lets only the reports' port
   * through to the bot can still be watched on it.
   */
  readonly ops?: OpsDeps;
}

function answer(res: ServerResponse, status: number, body: object, extra: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...extra });
  res.end(JSON.stringify(body));
}

/** The body, or null when it passed the cap (then the 413 is already sent and the rest is not read). */
function readCapped(req: IncomingMessage, res: ServerResponse): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    const tooLarge = () => {
      answer(res, 413, { ok: false, error: `(body): over ${MAX_WIRE_BYTES} bytes` }, { connection: 'close' });
      // The socket goes once the answer is out: destroyed at once, the 413 could be lost and the sender retry.
      res.once('finish', () => req.destroy());
      resolve(null);
    };
    if (Number.isFinite(declared) && declared > MAX_WIRE_BYTES) return tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_WIRE_BYTES) {
        req.removeAllListeners('data');
        return tooLarge();
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startIngestListener(o: IngestListenerOptions): Promise<IngestListener> {
  const deps: AcceptDeps = { store: o.store, clock: o.clock, lang: o.lang, offThread: o.offThread, inFlight: new Set() };
  const afterwards = new Set<Promise<void>>();
  let running = 0;
  // Bodies being read count with those waiting for a slot: at most MAX_WAITING × 8 MiB is ever held, before any key
  // or signature is checked.
  let reading = 0;
  const waiting: (() => void)[] = [];
  const acquire = async () => {
    if (running < MAX_AT_ONCE) {
      running++;
      return;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };

  const ops = o.ops ? opsHandlers(o.ops) : {};

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (answerOps(ops, req, res)) return;
    const path = (req.url ?? '').split('?')[0];
    if (path !== INGEST_PATH) return answer(res, 404, { ok: false, error: `not found: reports go to POST ${INGEST_PATH}` });
    if (req.method !== 'POST') return answer(res, 405, { ok: false, error: 'POST only' }, { allow: 'POST' });
    if (reading + waiting.length >= MAX_WAITING) {
      req.resume();
      return answer(res, 503, { ok: false, error: 'busy: try again later' }, { 'retry-after': '60' });
    }
    reading++;
    let wire: Buffer | null;
    try {
      wire = await readCapped(req, res);
    } finally {
      reading--;
    }
    if (wire === null) return;
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    await acquire();
    let result: IngestAnswer;
    try {
      result = await acceptReport(
        {
          server: header('x-kb954960-server'),
          timestamp: header('x-kb954960-timestamp'),
          signature: header('x-kb954960-signature'),
          encoding: header('content-encoding'),
        },
        wire,
        deps,
      );
    } finally {
      release();
    }
    // The sender learns the outcome; the log keeps who and what, never the key or the signature.
    o.logger.info({ server: header('x-kb954960-server'), status: result.status, error: result.body.error }, 'fleet report');
    answer(res, result.status, result.body);
    o.onAnswered?.(result.status < 300 ? 'accepted' : 'refused');
    if (result.recorded && o.onRecorded) {
      const after = o.onRecorded(result).catch((err: unknown) => o.logger.error({ err }, 'fleet report: alert failed'));
      afterwards.add(after);
      await after;
      afterwards.delete(after);
    }
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      o.logger.error({ err }, 'fleet report: could not be recorded');
      answer(res, 500, { ok: false, error: 'not recorded: the bot could not record it; try again later' });
    });
  });
  // Slow senders cannot hold sockets open forever.
  server.requestTimeout = 60_000;
  server.headersTimeout = 20_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    idle: async () => {
      await Promise.allSettled([...afterwards]);
    },
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections(); // a report in flight is finished and answered first
      });
      await Promise.allSettled([...afterwards]);
    },
  };
}
