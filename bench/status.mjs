// The daily status post over a large history: query + build + render, against the 100 ms target.
// Needs the compiled code (`npm run build`, or `npm run bench` which builds first).
//
//   node bench/status.mjs [diagnoses=1000000] [servers=500] [runs=9]
//
// Seeds a temporary SQLite file (os.tmpdir(), deleted afterwards) through the real migrations, then inserts the
// history directly with better-sqlite3 in one transaction (seeding only; the bot writes through the storage port).
// Reports the median of `runs` timed builds, plus the cold first one. KEEP=1 keeps the database (its path is printed).
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const dist = new URL('../dist/', import.meta.url);
const { openStorage } = await import(new URL('src/open-storage.js', dist).href).catch(() => {
  console.error('bench/status.mjs: dist/ not found — run `npm run build` first');
  process.exit(2);
});
const { loadFleetStatus } = await import(new URL('src/status/query.js', dist).href);
const { renderStatusBlocks } = await import(new URL('src/render/status-blocks.js', dist).href);
/** What the daily post builds (without its thread links, which are Slack calls): query, fleet model, render. */
const statusMessage = async (store, lang, now, options) => renderStatusBlocks(await loadFleetStatus(store, now), lang, options);

const DIAGNOSES = Number(process.argv[2] ?? 1_000_000);
const SERVERS = Number(process.argv[3] ?? 500);
const RUNS = Number(process.argv[4] ?? 9);
const TARGET_MS = 100;
const NOW = new Date('2024-06-02T00:00:00Z');
const YEAR_MS = 365 * 86_400_000;

const dir = mkdtempSync(join(tmpdir(), 'kb954960-bench-status-'));
const path = join(dir, 'bench.db');
try {
  await (await openStorage({ databasePath: path })).close(); // migrations

  // ── seed ──
  const t0 = performance.now();
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const iso = (ms) => new Date(ms).toISOString();
  const names = Array.from({ length: SERVERS }, (_, i) => `wsus${String(i).padStart(4, '0')}.corp.example`);
  const insertServer = db.prepare(
    `INSERT INTO servers (name, dll_version, dll_version_at, wsus_version, wsus_version_at, fix_event_at, last_affected_at, first_seen_at, last_seen_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertDiagnosis = db.prepare(
    `INSERT INTO diagnoses (created_at, origin, server, verdict, server_state, lang, lines, source_name, team_id, channel_id, message_ts, reply_ts, user_id)
     VALUES (?, ?, ?, ?, ?, 'en', ?, NULL, 'T0BENCH', ?, ?, ?, 'U0BENCH')`,
  );
  const insertFault = db.prepare("INSERT OR IGNORE INTO fault_ids (diagnosis_id, fault_id, side) VALUES (?, ?, 'client')");
  const verdicts = ['clean', 'clean', 'clean', 'clean', 'clean', 'fixed', 'vulnerable', 'possible', 'affected'];
  db.transaction(() => {
    const lastAffected = new Map();
    // 1M diagnoses spread over a year, oldest first (as they would have been recorded).
    for (let i = 0; i < DIAGNOSES; i++) {
      const at = NOW.getTime() - YEAR_MS + Math.floor((i / DIAGNOSES) * YEAR_MS);
      const server = names[Math.floor(rand() * SERVERS)];
      const verdict = verdicts[Math.floor(rand() * verdicts.length)];
      const ts = `${Math.floor(at / 1000)}.${String(i % 1e6).padStart(6, '0')}`;
      const fromSlack = rand() < 0.7;
      const { lastInsertRowid } = insertDiagnosis.run(
        iso(at),
        fromSlack ? 'message' : 'cli',
        server,
        verdict,
        'unknown',
        1000,
        fromSlack ? 'C0WSUS' : null,
        fromSlack ? ts : null,
        fromSlack ? ts : null,
      );
      // Failures carry fault IDs, and pastes of one failure share one (three pastes each here): the post counts it once.
      if (verdict === 'affected' || verdict === 'possible') insertFault.run(lastInsertRowid, `${String(Math.floor(i / 27)).padStart(8, '0')}-bench-fault`);
      if (verdict === 'affected') lastAffected.set(server, iso(at));
    }
    // A fleet in every state: a fifth each of RTM, SP1 unfixed, fixed (DLL), fixed (event), unknown.
    names.forEach((name, i) => {
      const k = i % 5;
      const dll = k === 1 ? '3.1.6001.65' : k === 2 ? '3.1.6001.66' : null;
      const wsus = k === 0 ? '3.0.6000.273' : null;
      const fix = k === 3 ? iso(NOW.getTime() - 200 * 86_400_000) : null;
      insertServer.run(
        name,
        dll,
        dll ? iso(NOW.getTime() - 300 * 86_400_000) : null,
        wsus,
        wsus ? iso(NOW.getTime() - 300 * 86_400_000) : null,
        fix,
        lastAffected.get(name) ?? null,
        iso(NOW.getTime() - YEAR_MS),
        iso(NOW.getTime()),
      );
    });
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const seedMs = performance.now() - t0;

  // ── measure ──
  const store = await openStorage({ databasePath: path });
  const count = await store.history.count();
  const time = async () => {
    const start = performance.now();
    const msg = await statusMessage(store, 'en', NOW, { timeZone: 'Asia/Tokyo' });
    return { ms: performance.now() - start, msg };
  };
  const cold = await time();
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push((await time()).ms);
  runs.sort((a, b) => a - b);
  const median = runs[Math.floor(runs.length / 2)];
  await store.close();

  const blocks = cold.msg.blocks.length;
  console.log(`history: ${count.toLocaleString('en-US')} diagnoses over ${SERVERS} servers (seeded in ${(seedMs / 1000).toFixed(1)} s)`);
  console.log(
    `status post (query + build + render): median ${median.toFixed(1)} ms of ${RUNS} (min ${runs[0].toFixed(1)}, max ${runs.at(-1).toFixed(1)}; cold first ${cold.ms.toFixed(1)} ms); ${blocks} blocks, fallback ${cold.msg.text.length} chars`,
  );
  console.log(`target < ${TARGET_MS} ms: ${median < TARGET_MS ? 'OK' : 'MISSED'} (${(median / TARGET_MS).toFixed(2)}× of the budget)`);
  process.exitCode = median < TARGET_MS ? 0 : 1;
} finally {
  if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
  else console.log(path);
}
