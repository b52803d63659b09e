// bench/scan: `kb954960 scan --no-save` against `LC_ALL=C grep -c -F` with the same literals (the rules' own
// pre-filter), on generated realistic WindowsUpdate.logs of 200 MiB and 1 GiB, in the same run.
// Prints throughput, the ratio to grep, and the scan's peak RSS (GNU time's %M).
//
//   npm run build && node bench/scan.mjs [--sizes 200,1024] [--reps 3]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeWindowsUpdateLog } from './generate-log.mjs';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '200,1024' }, reps: { type: 'string', default: '3' } } });
const sizes = values.sizes.split(',').map(Number);
const reps = Number(values.reps);
const CLI = new URL('../dist/src/cli.js', import.meta.url).pathname;
if (!existsSync(CLI)) throw new Error('run `npm run build` first');
const { RULES } = await import('../dist/src/detect/rules.js');
const literals = [...new Set(RULES.flatMap((r) => r.literals))];

const dir = mkdtempSync(join(tmpdir(), 'kb954960-bench-'));
const litFile = join(dir, 'literals.txt');
writeFileSync(litFile, `${literals.join('\n')}\n`);

/** Runs a command under GNU time; returns wall seconds and peak RSS (KiB). */
function timed(cmd, args, env = {}) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], { env: { ...process.env, LC_ALL: 'C', ...env }, encoding: 'utf8', maxBuffer: 1 << 26 });
  const [secs, rss] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { secs, rssKiB: rss, stdout: r.stdout, code: r.status };
}

function best(n, fn) {
  let top;
  for (let i = 0; i < n; i++) {
    const r = fn();
    if (!top || r.secs < top.secs) top = r;
  }
  return top;
}

try {
  console.log(`literals (${literals.length}): ${literals.join(' | ')}`);
  const rows = [];
  for (const mib of sizes) {
    const file = join(dir, `WindowsUpdate-${mib}.log`);
    await writeWindowsUpdateLog(file, mib * 1024 * 1024);
    const mb = statSync(file).size / 1e6;
    timed('cat', [file]); // page cache
    const grep = best(reps, () => timed('grep', ['-c', '-F', '-f', litFile, file]));
    const scan = best(reps, () => timed(process.execPath, [CLI, 'scan', '--no-save', '--json', file], { MAX_FILE_BYTES: String(2 ** 31) }));
    const verdict = JSON.parse(scan.stdout).verdict;
    if (scan.code !== 1 || verdict !== 'affected') throw new Error(`scan of ${file} said ${verdict} (exit ${scan.code}); expected affected`);
    rows.push({ mib, mb, grep, scan, matchingLines: Number(grep.stdout.trim()) });
  }
  console.log('\nsize      grep -F          kb954960 scan     ratio (scan/grep throughput)   scan peak RSS');
  for (const { mib, mb, grep, scan } of rows) {
    const g = mb / grep.secs;
    const s = mb / scan.secs;
    console.log(
      `${String(mib).padStart(5)} MiB  ${grep.secs.toFixed(2)} s ${g.toFixed(0).padStart(5)} MB/s  ${scan.secs.toFixed(2)} s ${s.toFixed(0).padStart(5)} MB/s  ${(s / g).toFixed(2)}×${' '.repeat(26)}${(scan.rssKiB / 1024).toFixed(0)} MiB`,
    );
  }
  if (rows.length > 1) {
    const rss = rows.map((r) => r.scan.rssKiB / 1024);
    console.log(`\npeak RSS from ${rows[0].mib} MiB to ${rows.at(-1).mib} MiB: ${rss.map((r) => r.toFixed(0)).join(' → ')} MiB (flat if equal within a few MiB)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
