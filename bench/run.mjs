// `npm run bench`: every benchmark in bench/, one after the other (each prints its own baseline and ratio); then the
// storage benches once more on PostgreSQL (a throwaway cluster, or DATABASE_URL's), and a table of both engines.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, startCluster } from './postgres.mjs';

const benches = ['startup.mjs', 'scan.mjs', 'literal-search.mjs', 'transcode.mjs', 'slack.mjs', 'status.mjs', 'fleet-report.mjs', 'fleet-scale.mjs'];
/** On both engines. */
const storageBenches = new Set(['slack.mjs', 'status.mjs']);
const only = process.env.BENCH_ONLY?.split(',');
const dir = mkdtempSync(join(tmpdir(), 'kb954960-bench-run-'));
const results = join(dir, 'results.jsonl');
let failed = 0;
const run = (name, env = {}, label = '') => {
  const path = new URL(name, import.meta.url).pathname;
  if (!existsSync(path) || (only && !only.includes(name))) return;
  console.log(`\n━━ bench/${name}${label} ━━`);
  const r = spawnSync(process.execPath, [path, ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, BENCH_RESULT: results, ...env } });
  if (r.status !== 0) failed++;
};

try {
  // SQLite first, as `npm start` runs by default (a DATABASE_URL of the shell is for the PostgreSQL round below).
  for (const name of benches) run(name, { DATABASE_URL: undefined });

  let cluster;
  let clusterUrl = process.env.DATABASE_URL;
  try {
    if (!clusterUrl) {
      cluster = await startCluster();
      clusterUrl = cluster.url;
    }
    for (const name of benches.filter((b) => storageBenches.has(b))) run(name, { DATABASE_URL: await createDatabase(clusterUrl) }, ' on PostgreSQL');
  } catch (e) {
    console.log(`\n(no PostgreSQL round: ${e.message})`);
  } finally {
    await cluster?.stop();
  }

  // ── both engines side by side ──
  const rows = existsSync(results)
    ? readFileSync(results, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];
  const of = (bench, engine) => rows.find((r) => r.bench === bench && (engine === undefined || r.engine === engine));
  const ms = (v) => (v === undefined ? '—' : `${v.toFixed(v < 10 ? 1 : 0)} ms`);
  const s = (e) => of('status', e);
  const k = (e) => of('slack', e);
  console.log('\n━━ both engines ━━');
  console.log('| | SQLite | PostgreSQL | target |');
  console.log('|---|---|---|---|');
  console.log(
    `| status post over ${(s('sqlite') ?? s('postgres'))?.diagnoses?.toLocaleString('en-US') ?? '?'} diagnoses, 500 servers (median) | ${ms(s('sqlite')?.medianMs)} | ${ms(s('postgres')?.medianMs)} | < 100 ms each |`,
  );
  console.log(`| … its cold first run | ${ms(s('sqlite')?.coldMs)} | ${ms(s('postgres')?.coldMs)} | |`);
  console.log(`| seeding that history | ${ms(s('sqlite')?.seedMs)} | ${ms(s('postgres')?.seedMs)} | (set-up) |`);
  if (s('sqlite') && s('postgres'))
    console.log(`| the same post on both | ${s('sqlite').text === s('postgres').text ? 'yes' : 'NO: the fallback texts differ'} | | |`);
  console.log(
    `| burst of ${k('sqlite')?.concurrency ?? 50} pastes: ack p99 | ${ms(k('sqlite')?.pasteAck.p99)} | ${ms(k('postgres')?.pasteAck.p99)} | PostgreSQL ≤ 1.5× SQLite${k('sqlite') && k('postgres') ? ` (${(k('postgres').pasteAck.p99 / k('sqlite').pasteAck.p99).toFixed(2)}×)` : ''} |`,
  );
  console.log(`| … ack p50 | ${ms(k('sqlite')?.pasteAck.p50)} | ${ms(k('postgres')?.pasteAck.p50)} | |`);
  console.log(`| … paste → reply p99 | ${ms(k('sqlite')?.pasteReply.p99)} | ${ms(k('postgres')?.pasteReply.p99)} | |`);
  const st = of('startup');
  if (st)
    console.log(
      `| CLI start-up (scan, one-line file; median) | ${ms(st.scanMs)}, pg not loaded: ${st.sqliteLoadsPg ? 'NO' : 'yes'} | — | the SQLite path must not load pg |`,
    );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
