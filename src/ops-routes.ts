import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Metrics } from './metrics.js';
import type { Storage } from './store/port.js';

export interface OpsDeps {
  readonly store: Storage;
  readonly metrics: Metrics;
  /** The queue counts as stuck once its oldest item is older than this (seconds): /readyz then answers 503. */
  readonly stuckAfterSeconds: number;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** Work waits at most ~1.5 minutes between its attempts (the inbox's retry): ten without an end is stuck. */
export const STUCK_AFTER_SECONDS = 600;

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * The operator's routes, the same in both modes: /healthz (the process answers and its database too: 503 while the
 * database is down), /readyz (that, and the work queue moving), /metrics (Prometheus text).
 */
export function opsHandlers(d: OpsDeps): Record<string, Handler> {
  return {
    '/healthz': async (_req, res) => {
      const ok = await d.store.ping();
      json(res, ok ? 200 : 503, { ok });
    },
    '/readyz': async (_req, res) => {
      const database = await d.store.ping();
      const { depth, oldestSeconds } = d.metrics.queue();
      const queue = oldestSeconds < d.stuckAfterSeconds;
      json(res, database && queue ? 200 : 503, { ok: database && queue, database, queue: { ok: queue, depth, oldestSeconds: Math.round(oldestSeconds) } });
    },
    '/metrics': async (_req, res) => {
      const { contentType, body } = await d.metrics.text();
      res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
      res.end(body);
    },
  };
}

/** As HTTPReceiver's customRoutes (HTTP mode: on Slack's port). */
export function opsRoutes(d: OpsDeps): { path: string; method: string[]; handler: Handler }[] {
  return Object.entries(opsHandlers(d)).map(([path, handler]) => ({ path, method: ['GET'], handler }));
}

/**
 * Answers a request for one of the operator's routes (GET or HEAD) and says so; false leaves it to the caller. The one
 * dispatch of every server of our own that carries them: Socket Mode's on PORT, and the fleet reports' listener.
 */
export function answerOps(handlers: Record<string, Handler>, req: IncomingMessage, res: ServerResponse): boolean {
  const handler = req.method === 'GET' || req.method === 'HEAD' ? handlers[new URL(req.url ?? '/', 'http://x').pathname] : undefined;
  if (!handler) return false;
  handler(req, res).catch(() => json(res, 500, { ok: false }));
  return true;
}

/** Socket Mode has no HTTP receiver: the same routes on a small server of their own, on PORT. */
export async function startOpsServer(d: OpsDeps, port: number, host: string): Promise<{ server: Server; port: number }> {
  const handlers = opsHandlers(d);
  const server = createServer((req, res) => {
    if (!answerOps(handlers, req, res)) json(res, 404, { ok: false });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}
