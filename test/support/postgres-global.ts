// vitest global set-up: one throwaway PostgreSQL cluster per run, started only when a test file first asks for a
// database (a run without PostgreSQL tests neither waits for it nor needs it installed), stopped when the run ends.
// Test files reach it through a loopback control endpoint: they run in other processes (pool: forks).
import { createServer } from 'node:http';
import type { TestProject } from 'vitest/node';
import { createDatabase, startCluster, type Cluster } from './postgres.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let cluster: Promise<Cluster> | undefined;
  const control = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/database') {
      res.writeHead(404).end();
      return;
    }
    cluster ??= startCluster();
    cluster
      .then((c) => createDatabase(c.url))
      .then(
        (url) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ url })),
        (e: Error) => res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: e.message })),
      );
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  const { port } = control.address() as { port: number };
  project.provide('postgresControl', `http://127.0.0.1:${port}`);
  return async () => {
    await new Promise<void>((resolve) => control.close(() => resolve()));
    const c = await cluster?.catch(() => undefined);
    await c?.stop();
  };
}
