// bench/scan: `kb954960 scan --no-save --json` against `LC_ALL=C grep -n -F` with the four signature literals
// (the baseline), on generated realistic WindowsUpdate.logs of 200 MiB and 1 GiB under the temp directory
// (deleted after). Interleaved (grep, scan, grep, scan …) so the machine's load falls on both; medians. Prints
// throughput, the ratio to grep's, and the scan's peak RSS. Targets (printed, never enforced): ≥ 1.0× grep, ≤ 64 MiB
// flat from 200 MiB to 1 GiB.
//
//   npm run build && node bench/scan.mjs [--sizes 200,1024] [--reps 3]
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeWindowsUpdateLog } from './generate-log.mjs';
import { interleaved, loadLine, median, timed } from './measure.mjs';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '200,1024' }, reps: { type: 'string', default: '3' } } });
const sizes = values.sizes.split(',').map(Number);
const reps = Number(values.reps);
const CLI = new URL('../dist/src/cli.js', import.meta.url).pathname;
if (!existsSync(CLI)) throw new Error('run `npm run build` first');
const SIGNATURE_LITERALS = ['SOAP Fault: 0x000190', 'InternalServerError', '0x8024400E', 'SoapUtilities.CreateException'];

const dir = mkdtempSync(join(tmpdir(), 'kb954960-bench-'));
try {
  console.log(`grep -n -F ${SIGNATURE_LITERALS.map((l) => `-e '${l}'`).join(' ')}; ${reps} interleaved reps, medians`);
  const rows = [];
  for (const mib of sizes) {
    const file = join(dir, `WindowsUpdate-${mib}.log`);
    await writeWindowsUpdateLog(file, mib * 1024 * 1024);
    const mb = statSync(file).size / 1e6;
    timed('cat', [file]); // page cache
    const load = loadLine();
    const runs = interleaved(reps, {
      grep: () => timed('grep', ['-n', '-F', ...SIGNATURE_LITERALS.flatMap((l) => ['-e', l]), file]),
      scan: () => timed(process.execPath, [CLI, 'scan', '--no-save', '--json', file]),
    });
    for (const r of runs.scan) {
      const verdict = JSON.parse(r.stdout).verdict;
      if (r.code !== 1 || verdict !== 'affected') throw new Error(`scan of ${file} said ${verdict} (exit ${r.code}); expected affected`);
    }
    rows.push({ mib, mb, load, grep: median(runs.grep) / 1000, scan: median(runs.scan) / 1000, rss: Math.max(...runs.scan.map((r) => r.rssKiB)) / 1024 });
    rmSync(file);
  }
  console.log('\nsize      grep -n -F        kb954960 scan      scan/grep speed   scan peak RSS   while');
  for (const { mib, mb, load, grep, scan, rss } of rows) {
    const ratio = grep / scan;
    console.log(
      `${String(mib).padStart(5)} MiB  ${grep.toFixed(2)} s ${(mb / grep).toFixed(0).padStart(5)} MB/s  ${scan.toFixed(2)} s ${(mb / scan).toFixed(0).padStart(5)} MB/s  ` +
        `${ratio.toFixed(2)}× (≥ 1.0×: ${ratio >= 1 ? 'met' : 'MISSED'})  ${rss.toFixed(0).padStart(4)} MiB (≤ 64: ${rss <= 64 ? 'met' : 'MISSED'})  ${load}`,
    );
  }
  if (rows.length > 1) console.log(`\npeak RSS from ${rows[0].mib} MiB to ${rows.at(-1).mib} MiB: ${rows.map((r) => r.rss.toFixed(0)).join(' → ')} MiB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
