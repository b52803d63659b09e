// Benchmarks LiteralSearch (compiled: run `npx tsc -p tsconfig.json` first) against grep -F and the
// native Node options on one log file, in the same run so the numbers compare.
//
//   node bench/literal-search.mjs [file=/tmp/wu200.log] [sizeMiB=200] [reps=3]
//
// The file is generated with bench/generate-log.mjs if it does not exist. Each contender runs
// `reps` times after one warm-up; the best time is reported (the file is in the page cache after
// the first pass, so this measures CPU, not the disk).
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeWindowsUpdateLog } from './generate-log.mjs';

const CHUNK = 1 << 20;

function time(reps, fn) {
  fn(); // warm-up (JIT, page cache)
  let best = Infinity;
  let result;
  for (let r = 0; r < reps; r++) {
    const t0 = process.hrtime.bigint();
    result = fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { ms: best, result };
}

/** Reads the file in CHUNK pieces, keeping `carry` bytes of overlap; calls fn(buf, len, eof). */
function forEachChunk(file, carry, fn) {
  const fd = openSync(file, 'r');
  try {
    const buf = new Uint8Array(CHUNK + carry);
    let have = 0;
    for (;;) {
      const n = readSync(fd, buf, have, CHUNK, null);
      const len = have + n;
      const eof = n === 0;
      fn(buf, len, eof);
      if (eof) break;
      // Keep the last `carry` bytes: a match may start there and end in the next chunk.
      const keep = Math.min(carry, len);
      buf.copyWithin(0, len - keep, len);
      have = keep;
    }
  } finally {
    closeSync(fd);
  }
}

/** Total occurrences via LiteralSearch over 1 MiB chunks; each start is scanned exactly once. */
function countChunked(search, file, maxLen) {
  let total = 0;
  const onMatch = () => void total++;
  forEachChunk(file, maxLen - 1, (buf, len, eof) => {
    // Starts in the last maxLen-1 bytes are scanned with the next chunk (they are the carry).
    const to = eof ? len : len - (maxLen - 1);
    if (to > 0) search.scan(buf, 0, to, onMatch);
  });
  return total;
}

function countNewlinesChunked(file) {
  let lines = 0;
  forEachChunk(file, 0, (buf, len) => {
    const b = Buffer.from(buf.buffer, buf.byteOffset, len);
    for (let p = b.indexOf(10); p !== -1; p = b.indexOf(10, p + 1)) lines++;
  });
  return lines;
}

function countIndexOf(whole, literals) {
  let total = 0;
  for (const lit of literals) {
    const needle = Buffer.from(lit, 'utf8');
    for (let p = whole.indexOf(needle); p !== -1; p = whole.indexOf(needle, p + 1)) total++;
  }
  return total;
}

function countRegExp(whole, literals) {
  const esc = (s) =>
    Buffer.from(s, 'utf8')
      .toString('latin1')
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(literals.map(esc).join('|'), 'g');
  const text = whole.toString('latin1');
  let total = 0;
  while (re.exec(text) !== null) total++; // non-overlapping, one literal per position
  return total;
}

async function main() {
  const [file = '/tmp/wu200.log', mb = '200', repsArg = '3'] = process.argv.slice(2);
  const reps = Number(repsArg);
  if (!existsSync(file)) {
    console.log(`generating ${file} (${mb} MiB)…`);
    await writeWindowsUpdateLog(file, Number(mb) * 1024 * 1024);
  }
  const { LiteralSearch } = await import('../dist/src/detect/literal-search.js');
  // The KB954960 rules' literals (the grep baseline's set), and the scanner's whole set: every detection rule's
  // literals plus the failure-code extraction's cues (bracket openings `[8`/`[C`, `hr =`, `rror =` …).
  const { RULES } = await import('../dist/src/detect/rules.js');
  const { scanLiterals } = await import('../dist/src/detect/scanner.js');
  const literals = [...new Set(RULES.flatMap((r) => r.literals))];
  const scannerLiterals = scanLiterals();
  const maxLen = Math.max(...literals.map((l) => Buffer.byteLength(l)));

  const whole = readFileSync(file);
  const size = whole.length;
  const mbps = (ms) => (size / 1e6 / (ms / 1000)).toFixed(0).padStart(6);
  const rows = [];
  const row = (name, r, note = '') => {
    rows.push({ name, ...r });
    console.log(`${name.padEnd(44)} ${r.ms.toFixed(0).padStart(6)} ms ${mbps(r.ms)} MB/s  count=${r.result}${note ? `  ${note}` : ''}`);
  };
  console.log(`${file}: ${(size / 1048576).toFixed(1)} MiB, ${literals.length} literals, best of ${reps}\n`);

  const dir = mkdtempSync(join(tmpdir(), 'litbench-'));
  try {
    const patFile = join(dir, 'literals.txt');
    writeFileSync(patFile, `${literals.join('\n')}\n`);
    const grep = time(reps, () => {
      const r = spawnSync('grep', ['-c', '-F', '-f', patFile, file], { env: { ...process.env, LC_ALL: 'C' }, encoding: 'utf8' });
      if (r.status !== 0 && r.status !== 1) throw new Error(`grep failed: ${r.stderr}`);
      return Number(r.stdout.trim());
    });
    row('grep -c -F -f (LC_ALL=C, incl. spawn)', grep, '(matching lines)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const idx = time(reps, () => countIndexOf(whole, literals));
  row(`${literals.length}x Buffer.indexOf (in memory)`, idx);
  row(
    'latin1 RegExp alternation (in memory)',
    time(reps, () => countRegExp(whole, literals)),
    '(non-overlapping)',
  );
  row(
    'newline count, 1 MiB readSync chunks',
    time(reps, () => countNewlinesChunked(file)),
  );
  row(
    'readSync only, 1 MiB chunks',
    time(reps, () => {
      forEachChunk(file, 0, () => {});
      return 0;
    }),
  );

  const search = new LiteralSearch(literals);
  const ours = time(reps, () => countChunked(search, file, maxLen));
  row('LiteralSearch, 1 MiB readSync chunks', ours, planText(search));
  const mem = time(reps, () => {
    let n = 0;
    search.scan(whole, 0, size, () => void n++);
    return n;
  });
  row('LiteralSearch, whole file in memory', mem);
  const sampled = new LiteralSearch(literals, { sample: whole.subarray(0, CHUNK) });
  row(
    'LiteralSearch {sample: first MiB}, chunks',
    time(reps, () => countChunked(sampled, file, maxLen)),
    planText(sampled),
  );

  // The scanner's set, as the scanner runs it (a plan tuned on the first MiB, 1 MiB chunks), and untuned.
  const scannerMaxLen = Math.max(...scannerLiterals.map((l) => Buffer.byteLength(l)));
  const scannerTuned = new LiteralSearch(scannerLiterals, { sample: whole.subarray(0, CHUNK) });
  const scannerRun = time(reps, () => countChunked(scannerTuned, file, scannerMaxLen));
  row(`scanner's ${scannerLiterals.length} literals {sample}, chunks`, scannerRun, planText(scannerTuned));
  const scannerStatic = new LiteralSearch(scannerLiterals);
  const scannerStaticRun = time(reps, () => countChunked(scannerStatic, file, scannerMaxLen));
  row(`scanner's ${scannerLiterals.length} literals, static model, chunks`, scannerStaticRun, planText(scannerStatic));

  // How much short literals cost: they cap the stride (a 3-byte literal allows stride 2 with
  // 2-byte windows, a 1- or 2-byte literal forces stride 1).
  for (const [name, set] of [
    ['  without ID: (shortest 6 bytes)', literals.filter((l) => l !== 'ID:')],
    ['  + 2-byte literal "Qz"', [...literals, 'Qz']],
    ['  + 1-byte literal "~"', [...literals, '~']],
  ]) {
    const s = new LiteralSearch(set);
    row(
      `${name}, in memory`,
      time(reps, () => {
        let n = 0;
        s.scan(whole, 0, size, () => void n++);
        return n;
      }),
      planText(s),
    );
  }

  const grepMs = rows[0].ms;
  console.log(`\nLiteralSearch (chunked) / grep speed ratio: ${(grepMs / ours.ms).toFixed(2)}x  (>1 = faster than grep)`);
  const scannerIdx = countIndexOf(whole, scannerLiterals); // once, untimed: 68 passes
  const ok = ours.result === idx.result && mem.result === idx.result && scannerRun.result === scannerIdx && scannerStaticRun.result === scannerIdx;
  console.log(
    `match count check vs Buffer.indexOf: ${ok ? 'OK' : 'MISMATCH'} (${ours.result} / ${mem.result} vs ${idx.result}; ` +
      `scanner's set ${scannerRun.result} / ${scannerStaticRun.result} vs ${scannerIdx})`,
  );
  if (!ok) process.exitCode = 1;
}

function planText(s) {
  const p = s.plan;
  return `[B=${p.windowWidth} stride=${p.stride} est.hit=${(p.estimatedHitRate * 100).toFixed(2)}%]`;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
