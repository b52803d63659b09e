// Shared by the benchmarks: run commands under GNU time, interleaved (A B A B …) so that the load of a shared
// machine falls on the contender and its baseline alike, and summarise with the median.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';

/** One run of `cmd args` under /usr/bin/time: wall ms (measured here, sub-ms), peak RSS KiB, stdout, exit code. */
export function timed(cmd, args, env = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { env: { ...process.env, LC_ALL: 'C', ...env }, encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const rssKiB = Number(r.stderr.trim().split('\n').at(-1));
  return { ms, rssKiB, stdout: r.stdout, stderr: r.stderr, code: r.status };
}

/** Runs each contender once per rep, in turn; returns per contender the sorted runs. */
export function interleaved(reps, contenders) {
  const runs = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
  for (let i = 0; i < reps; i++) for (const [k, fn] of Object.entries(contenders)) runs[k].push(fn());
  for (const k of Object.keys(runs)) runs[k].sort((a, b) => a.ms - b.ms);
  return runs;
}

export const median = (sorted, key = 'ms') => {
  const v = sorted.map((r) => r[key]).sort((a, b) => a - b);
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};

export const loadLine = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on the machine's cores`;
