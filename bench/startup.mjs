// bench/startup: `kb954960 scan --no-save --json` of a one-line file against `node -e 0`, interleaved in the same
// run; the median wall time, its ratio to node's, and peak RSS. Targets (printed, never enforced): ≤ 1.5×, ≤ 50 MiB.
//
//   npm run build && node bench/startup.mjs [--reps 15]
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { interleaved, loadLine, median, timed } from './measure.mjs';

const { values } = parseArgs({ options: { reps: { type: 'string', default: '15' } } });
const CLI = new URL('../dist/src/cli.js', import.meta.url).pathname;
if (!existsSync(CLI)) throw new Error('run `npm run build` first');
const dir = mkdtempSync(join(tmpdir(), 'kb954960-bench-'));
const file = join(dir, 'one-line.log');
writeFileSync(file, '2008-08-12\t05:15:41:253\t 940\tf54\tAU\t###########  AU: Initializing Automatic Updates  ###########\r\n');
/**
 * One interleaved run of both contenders in `env` (over process.env; undefined unsets). NODE_EXTRA_CA_CERTS makes every
 * Node process parse that bundle of certificates before it runs anything (~420 M instructions of `node -e 0`'s ~510 M
 * on the development machine), which inflates the baseline and flatters the ratio: where it is set, the run is repeated
 * without it, and that is the ratio that says how the CLI itself starts.
 */
function measure(label, env) {
  const runs = interleaved(Number(values.reps), {
    node: () => timed(process.execPath, ['-e', '0'], env),
    // No database: with one (./data/kb954960.db after any saved scan), --no-save still reads what it knows of the
    // server, and loading SQLite is another measurement.
    scan: () => timed(process.execPath, [CLI, 'scan', '--no-save', '--json', file], { DATABASE_PATH: join(dir, 'none.db'), ...env }),
  });
  const bad = runs.scan.find((r) => r.code !== 0);
  if (bad) throw new Error(`scan exited ${bad.code}: ${bad.stderr}`);
  const node = median(runs.node);
  const scan = median(runs.scan);
  const rss = median(runs.scan, 'rssKiB') / 1024;
  console.log(label);
  console.log(`  node -e 0                      ${node.toFixed(0).padStart(5)} ms   ${(median(runs.node, 'rssKiB') / 1024).toFixed(0)} MiB`);
  console.log(`  kb954960 scan (one-line file)  ${scan.toFixed(0).padStart(5)} ms   ${rss.toFixed(0)} MiB`);
  const ratio = scan / node;
  console.log(
    `  ratio ${ratio.toFixed(2)}× node -e 0 (target ≤ 1.5×: ${ratio <= 1.5 ? 'met' : 'MISSED'}); RSS ${rss.toFixed(0)} MiB (target ≤ 50 MiB: ${rss <= 50 ? 'met' : 'MISSED'})`,
  );
}

try {
  console.log(`${loadLine()} (${availableParallelism()}); ${values.reps} interleaved reps, medians`);
  measure(process.env.NODE_EXTRA_CA_CERTS ? 'with this environment (NODE_EXTRA_CA_CERTS set)' : 'with this environment', {});
  if (process.env.NODE_EXTRA_CA_CERTS) measure('without NODE_EXTRA_CA_CERTS', { NODE_EXTRA_CA_CERTS: undefined });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
