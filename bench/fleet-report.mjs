// A fleet report of 20,000 clients: validated (zod schema) and recorded (facts through check(), client health, the
// report id) against the < 2 s target, with memory. The baseline in the same run is JSON.parse of the same body alone.
// Needs the compiled code (`npm run build`, or `npm run bench` which builds first).
//
//   node bench/fleet-report.mjs [clients=20000] [runs=5]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const dist = new URL('../dist/', import.meta.url);
const { openStorage } = await import(new URL('src/open-storage.js', dist).href).catch(() => {
  console.error('bench/fleet-report.mjs: dist/ not found — run `npm run build` first');
  process.exit(2);
});
const { parseReportText } = await import(new URL('src/fleet/report.js', dist).href);
const { recordReport } = await import(new URL('src/reports/record.js', dist).href);

const CLIENTS = Number(process.argv[2] ?? 20_000);
const RUNS = Number(process.argv[3] ?? 5);
const TARGET_MS = 2000;
const NOW = new Date('2026-11-25T12:00:00Z');

/** A report as the script writes it: every client with times and result, one in ten failing with one or two codes. */
function body(n) {
  const iso = (ms) => new Date(ms).toISOString().replace('.000', '');
  const items = [];
  for (let i = 0; i < CLIENTS; i++) {
    const sync = NOW.getTime() - ((i * 7919) % (5 * 86_400_000));
    const c = {
      name: `pc${String(i).padStart(5, '0')}.corp.example`,
      lastSync: iso(sync),
      lastSyncResult: i % 10 === 0 ? 'Failed' : 'Succeeded',
      lastReported: iso(sync),
    };
    if (i % 10 === 0)
      c.errors = [{ code: '0x8024400E', count: 3, last: iso(sync + 60_000) }, ...(i % 20 === 0 ? [{ code: '0x80244022', count: 1, last: iso(sync) }] : [])];
    items.push(c);
  }
  return JSON.stringify({
    schema: 'kb954960.report/1',
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    generated: iso(NOW.getTime()),
    server: { name: 'WSUS01', wsus: '3.1.6001.65', dll: '3.1.6001.65', event1022: null },
    log: { name: 'SoftwareDistribution.log', text: '2026-11-25 11:00:00.000 UTC\tInfo\tWsusService.1\tUpdateServices.Service\tstarted\n' },
    clients: { total: CLIENTS, items },
  });
}

const dir = mkdtempSync(join(tmpdir(), 'kb954960-bench-fleet-'));
try {
  const store = await openStorage({ databasePath: join(dir, 'bench.db'), clock: () => NOW });
  const rows = [];
  globalThis.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  let peakRss = 0;
  for (let r = 0; r < RUNS; r++) {
    const text = body(r + 1);
    const t0 = performance.now();
    JSON.parse(text);
    const tParse = performance.now() - t0;
    const t1 = performance.now();
    const parsed = parseReportText(text);
    if (!parsed.ok) throw new Error(parsed.error);
    const tValidate = performance.now() - t1;
    const t2 = performance.now();
    const rec = await recordReport(parsed.report, { store, now: NOW, lang: 'en' });
    const tRecord = performance.now() - t2;
    if (!rec.recorded || rec.health.total !== CLIENTS) throw new Error('not recorded');
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    rows.push({ bytes: Buffer.byteLength(text), tParse, tValidate, tRecord, total: tValidate + tRecord });
  }
  globalThis.gc?.();
  const heapAfter = process.memoryUsage().heapUsed;
  await store.close();
  const med = (k) => rows.map((x) => x[k]).sort((a, b) => a - b)[Math.floor(rows.length / 2)];
  const mb = (b) => (b / 1048576).toFixed(1);
  console.log(`fleet report: ${CLIENTS} clients, ${mb(rows[0].bytes)} MiB of JSON, median of ${RUNS}`);
  console.log(`  JSON.parse alone (baseline)      ${med('tParse').toFixed(1)} ms`);
  console.log(`  parse + schema (validate)        ${med('tValidate').toFixed(1)} ms  (${(med('tValidate') / med('tParse')).toFixed(1)}× the baseline)`);
  console.log(`  record (check + health + store)  ${med('tRecord').toFixed(1)} ms`);
  console.log(`  validate + record                ${med('total').toFixed(1)} ms  (target < ${TARGET_MS} ms: ${med('total') < TARGET_MS ? 'met' : 'MISSED'})`);
  console.log(`  peak RSS ${mb(peakRss)} MiB; heap after ${RUNS} reports ${mb(heapAfter - heap0)} MiB above the start (flat: nothing kept per report)`);
  process.exitCode = med('total') < TARGET_MS ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
