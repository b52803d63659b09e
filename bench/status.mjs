// The daily status post over a large history: query + build + render, against the 100 ms target.
// Needs the compiled code (`npm run build`, or `npm run bench` which builds first).
//
//   node bench/status.mjs [diagnoses=1000000] [servers=500] [runs=9]
//
// Seeds a temporary SQLite file (os.tmpdir(), deleted afterwards) — or, with DATABASE_URL=postgres://… (an empty
// database), PostgreSQL — through the real migrations, then inserts the history directly in one transaction (seeding
// only; the bot writes through the storage port).
// Reports the median of `runs` timed builds, plus the cold first one. KEEP=1 keeps the database (its path is printed).
import Database from 'better-sqlite3';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

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

/**
 * The history, the same for both engines: 1M diagnoses spread over a year, oldest first (as they would have been
 * recorded), each with its id (1…N, as a fresh table numbers them); failures carry fault IDs, and pastes of one failure
 * share one (three pastes each here): the post counts it once. Then the fleet in every state: a fifth each of RTM, SP1
 * unfixed, fixed (DLL), fixed (event), unknown.
 */
function* history() {
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const iso = (ms) => new Date(ms).toISOString();
  const names = Array.from({ length: SERVERS }, (_, i) => `wsus${String(i).padStart(4, '0')}.corp.example`);
  const verdicts = ['clean', 'clean', 'clean', 'clean', 'clean', 'fixed', 'vulnerable', 'possible', 'affected'];
  const lastAffected = new Map();
  for (let i = 0; i < DIAGNOSES; i++) {
    const at = NOW.getTime() - YEAR_MS + Math.floor((i / DIAGNOSES) * YEAR_MS);
    const server = names[Math.floor(rand() * SERVERS)];
    const verdict = verdicts[Math.floor(rand() * verdicts.length)];
    const ts = `${Math.floor(at / 1000)}.${String(i % 1e6).padStart(6, '0')}`;
    const fromSlack = rand() < 0.7;
    const fault = verdict === 'affected' || verdict === 'possible' ? `${String(Math.floor(i / 27)).padStart(8, '0')}-bench-fault` : null;
    yield {
      kind: 'diagnosis',
      id: i + 1,
      row: [
        iso(at),
        fromSlack ? 'message' : 'cli',
        server,
        verdict,
        'unknown',
        1000,
        fromSlack ? 'C0WSUS' : null,
        fromSlack ? ts : null,
        fromSlack ? ts : null,
      ],
      fault,
    };
    if (verdict === 'affected') lastAffected.set(server, iso(at));
  }
  for (const [i, name] of names.entries()) {
    const k = i % 5;
    const dll = k === 1 ? '3.1.6001.65' : k === 2 ? '3.1.6001.66' : null;
    const wsus = k === 0 ? '3.0.6000.273' : null;
    const fix = k === 3 ? iso(NOW.getTime() - 200 * 86_400_000) : null;
    yield {
      kind: 'server',
      row: [
        name,
        dll,
        dll ? iso(NOW.getTime() - 300 * 86_400_000) : null,
        wsus,
        wsus ? iso(NOW.getTime() - 300 * 86_400_000) : null,
        fix,
        lastAffected.get(name) ?? null,
        iso(NOW.getTime() - YEAR_MS),
        iso(NOW.getTime()),
      ],
    };
  }
}

const DIAGNOSIS_COLUMNS = 'created_at, origin, server, verdict, server_state, lang, lines, source_name, team_id, channel_id, message_ts, reply_ts, user_id';
const SERVER_COLUMNS = 'name, dll_version, dll_version_at, wsus_version, wsus_version_at, fix_event_at, last_affected_at, first_seen_at, last_seen_at';

/** SQLite: better-sqlite3 in one transaction. */
function seedSqlite(path) {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insertServer = db.prepare(`INSERT INTO servers (${SERVER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertDiagnosis = db.prepare(
    `INSERT INTO diagnoses (id, ${DIAGNOSIS_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, 'en', ?, NULL, 'T0BENCH', ?, ?, ?, 'U0BENCH')`,
  );
  const insertFault = db.prepare("INSERT OR IGNORE INTO fault_ids (diagnosis_id, fault_id, side) VALUES (?, ?, 'client')");
  db.transaction(() => {
    for (const r of history()) {
      if (r.kind === 'server') insertServer.run(...r.row);
      else {
        insertDiagnosis.run(r.id, ...r.row);
        if (r.fault) insertFault.run(r.id, r.fault);
      }
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/**
 * PostgreSQL: multi-row INSERTs of 10,000 rows each (one array parameter per column, unnest()), in one transaction,
 * with the ids given (OVERRIDING SYSTEM VALUE) and the identity moved past them; then ANALYZE, as autovacuum would
 * soon after a load this size (without statistics the planner guesses).
 */
async function seedPostgres(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const CHUNK = 10_000;
  let diagnoses = [];
  let faults = [];
  const servers = [];
  const columns = (rows, n) => Array.from({ length: n }, (_, c) => rows.map((r) => r[c]));
  const flushDiagnoses = async () => {
    if (diagnoses.length === 0) return;
    await client.query(
      `INSERT INTO diagnoses (id, ${DIAGNOSIS_COLUMNS}) OVERRIDING SYSTEM VALUE
       SELECT id, created_at, origin, server, verdict, server_state, 'en', lines, NULL, 'T0BENCH', channel_id, message_ts, reply_ts, 'U0BENCH'
       FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[], $9::text[], $10::text[])
         AS t(id, created_at, origin, server, verdict, server_state, lines, channel_id, message_ts, reply_ts)`,
      columns(diagnoses, 10),
    );
    if (faults.length)
      await client.query(
        "INSERT INTO fault_ids (diagnosis_id, fault_id, side) SELECT d, f, 'client' FROM unnest($1::bigint[], $2::text[]) AS t(d, f) ON CONFLICT DO NOTHING",
        columns(faults, 2),
      );
    diagnoses = [];
    faults = [];
  };
  try {
    await client.query('BEGIN');
    for (const r of history()) {
      if (r.kind === 'server') servers.push(r.row);
      else {
        diagnoses.push([r.id, ...r.row]);
        if (r.fault) faults.push([r.id, r.fault]);
        if (diagnoses.length >= CHUNK) await flushDiagnoses();
      }
    }
    await flushDiagnoses();
    await client.query(
      `INSERT INTO servers (${SERVER_COLUMNS}) SELECT * FROM unnest(${SERVER_COLUMNS.split(', ')
        .map((_, i) => `$${i + 1}::text[]`)
        .join(', ')})`,
      columns(servers, 9),
    );
    await client.query("SELECT setval(pg_get_serial_sequence('diagnoses', 'id'), (SELECT max(id) FROM diagnoses))");
    await client.query('COMMIT');
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

const ENGINE = process.env.DATABASE_URL ? 'postgres' : 'sqlite';
const dir = mkdtempSync(join(tmpdir(), 'kb954960-bench-status-'));
const path = join(dir, 'bench.db');
const where = ENGINE === 'postgres' ? { databaseUrl: process.env.DATABASE_URL } : { databasePath: path };
try {
  await (await openStorage(where)).close(); // migrations

  // ── seed ──
  const t0 = performance.now();
  if (ENGINE === 'postgres') await seedPostgres(process.env.DATABASE_URL);
  else seedSqlite(path);
  const seedMs = performance.now() - t0;

  // ── measure ──
  const store = await openStorage(where);
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
  console.log(`${ENGINE}: ${count.toLocaleString('en-US')} diagnoses over ${SERVERS} servers (seeded in ${(seedMs / 1000).toFixed(1)} s)`);
  console.log(
    `status post (query + build + render): median ${median.toFixed(1)} ms of ${RUNS} (min ${runs[0].toFixed(1)}, max ${runs.at(-1).toFixed(1)}; cold first ${cold.ms.toFixed(1)} ms); ${blocks} blocks, fallback ${cold.msg.text.length} chars`,
  );
  console.log(`target < ${TARGET_MS} ms: ${median < TARGET_MS ? 'OK' : 'MISSED'} (${(median / TARGET_MS).toFixed(2)}× of the budget)`);
  // For bench/run.mjs's table of both engines.
  if (process.env.BENCH_RESULT)
    appendFileSync(
      process.env.BENCH_RESULT,
      `${JSON.stringify({ bench: 'status', engine: ENGINE, diagnoses: count, seedMs, medianMs: median, coldMs: cold.ms, text: cold.msg.text })}\n`,
    );
  process.exitCode = median < TARGET_MS ? 0 : 1;
} finally {
  if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
  else console.log(ENGINE === 'postgres' ? 'kept the PostgreSQL database' : path);
}
