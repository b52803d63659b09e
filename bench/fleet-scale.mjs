// A reporting fleet at scale: 500 WSUS servers, each reporting 20,000 clients (their health recorded through the
// storage port's fleet.recordReport, one report per server as the listener records it). Times, on SQLite and on
// PostgreSQL, the daily post (status query + build + render) and the server view (`server NAME`'s reply), each against
// the 100 ms target and as a ratio of a baseline measured in the same run: the same 500 servers before any reported.
// Needs the compiled code (`npm run build`, or `npm run bench` which builds first). PostgreSQL: DATABASE_URL (an empty
// database), else a throwaway cluster (bench/postgres.mjs).
//
//   node bench/fleet-scale.mjs [servers=500] [clients=20000] [runs=9]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchPostgres } from './postgres.mjs';

const dist = new URL('../dist/', import.meta.url);
const { openStorage } = await import(new URL('src/open-storage.js', dist).href).catch(() => {
  console.error('bench/fleet-scale.mjs: dist/ not found — run `npm run build` first');
  process.exit(2);
});
const { loadFleetStatus } = await import(new URL('src/status/query.js', dist).href);
const { renderStatusBlocks } = await import(new URL('src/render/status-blocks.js', dist).href);
const { clientHealth } = await import(new URL('src/fleet/health.js', dist).href);
const { serverCommand } = await import(new URL('commands/server.js', dist).href);

const SERVERS = Number(process.argv[2] ?? 500);
const CLIENTS = Number(process.argv[3] ?? 20_000);
const RUNS = Number(process.argv[4] ?? 9);
const TARGET_MS = 100;
const NOW = new Date('2026-11-25T12:00:00Z');
const iso = (ms) => new Date(ms).toISOString().replace('.000', '');
const names = Array.from({ length: SERVERS }, (_, i) => `wsus${String(i).padStart(4, '0')}.corp.example`);
const VIEWED = names[Math.floor(SERVERS / 2)];

/**
 * One server's health, computed by the real code from a 20,000-client report (failing codes, clients not syncing):
 * the JSON every server's row holds. Computed once per shape: the row's size, not its making, is what is measured.
 */
function healthOf(server, variant) {
  const items = [];
  for (let i = 0; i < CLIENTS; i++) {
    const sync = NOW.getTime() - (((i + variant) * 7919) % (5 * 86_400_000));
    const c = {
      name: `pc${String(i).padStart(5, '0')}.${server}`,
      lastSync: iso(sync),
      lastSyncResult: i % 10 === variant % 10 ? 'Failed' : 'Succeeded',
      lastReported: iso(sync),
    };
    if (i % 10 === variant % 10)
      c.errors = [
        { code: '0x8024400E', count: 3, last: iso(sync + 60_000) },
        ...(i % 20 === 0 ? [{ code: `0x8024402${variant % 3}`, count: 1, last: iso(sync + 60_000) }] : []),
      ];
    items.push(c);
  }
  return clientHealth({ generated: iso(NOW.getTime()), clients: { total: CLIENTS, items } });
}

async function seedServers(store) {
  // A fleet in every state: a third each RTM, SP1 unfixed, SP1 fixed (DLL).
  for (const [i, name] of names.entries()) {
    if (i % 3 === 0) await store.servers.recordVersion(name, 'wsus', '3.0.6000.273', iso(NOW.getTime() - 30 * 86_400_000));
    else await store.servers.recordVersion(name, 'dll', i % 3 === 1 ? '3.1.6001.65' : '3.1.6001.66', iso(NOW.getTime() - 30 * 86_400_000));
  }
}

async function seedReports(store) {
  const shapes = Array.from({ length: 10 }, (_, v) => healthOf('corp.example', v));
  for (const [i, name] of names.entries()) {
    const at = NOW.getTime() - (i % 60) * 60_000;
    const health = { ...shapes[i % shapes.length], at: iso(at) };
    await store.fleet.recordReport({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      server: name,
      generated: iso(at),
      receivedAt: iso(at + 5_000),
      diagnosisId: null,
      health,
    });
  }
}

async function time(fn) {
  const first = await fn();
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    runs.push(performance.now() - t);
  }
  runs.sort((a, b) => a - b);
  return { median: runs[Math.floor(runs.length / 2)], max: runs.at(-1), first };
}

const post = async (store) => renderStatusBlocks(await loadFleetStatus(store, NOW), 'en', { timeZone: 'Asia/Tokyo' });
const view = (store) => serverCommand([VIEWED], { store, lang: 'en', now: NOW, adminUserIds: [] });

async function measure(store) {
  await seedServers(store);
  const basePost = await time(() => post(store));
  const baseView = await time(() => view(store));
  const t0 = performance.now();
  await seedReports(store);
  const seedMs = performance.now() - t0;
  const fleetPost = await time(() => post(store));
  const fleetView = await time(() => view(store));
  const reporting = (await store.fleet.reporting()).length;
  const shown = JSON.stringify(fleetView.first.blocks).includes('0x8024400E');
  if (reporting !== SERVERS || !shown) throw new Error(`not seeded: ${reporting} reporting, health shown: ${shown}`);
  return {
    seedMs,
    rows: [
      ['daily post (query + build + render)', basePost, fleetPost],
      ['server view (`server NAME` reply)', baseView, fleetView],
    ],
  };
}

let failed = false;
const table = [];
async function engine(label, open) {
  const store = await open();
  try {
    const { seedMs, rows } = await measure(store);
    console.log(
      `${label}: ${SERVERS} servers × ${CLIENTS.toLocaleString('en-US')} clients recorded through fleet.recordReport in ${(seedMs / 1000).toFixed(1)} s`,
    );
    for (const [what, base, fleet] of rows) {
      const ok = fleet.median < TARGET_MS;
      failed ||= !ok;
      table.push(
        `| ${label.padEnd(10)} | ${what.padEnd(36)} | ${base.median.toFixed(1).padStart(7)} ms | ${fleet.median.toFixed(1).padStart(7)} ms (max ${fleet.max.toFixed(1)}) | ${(fleet.median / base.median).toFixed(2)}× | ${ok ? 'met' : 'MISSED'} |`,
      );
    }
  } finally {
    await store.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'kb954960-bench-fleet-scale-'));
try {
  await engine('SQLite', () => openStorage({ databasePath: join(dir, 'bench.db'), clock: () => NOW }));
  const pgdb = await benchPostgres();
  try {
    await engine('PostgreSQL', () => openStorage({ databasePath: join(dir, 'unused.db'), databaseUrl: pgdb.url, clock: () => NOW }));
  } finally {
    await pgdb.stop();
  }
  console.log(`\nmedian of ${RUNS}; baseline: the same ${SERVERS} servers before any reported; target < ${TARGET_MS} ms`);
  console.log('| engine     | what                                 | baseline   | 500 reporting                 | ratio | target |');
  console.log('|------------|--------------------------------------|------------|-------------------------------|-------|--------|');
  for (const line of table) console.log(line);
  process.exitCode = failed ? 1 : 0;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
