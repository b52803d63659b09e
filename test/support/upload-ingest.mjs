// Child process for the hostile-archive test: a file's bytes through the bot's upload path (openLogs, then check()
// off the event loop's thread, each log tail-read under MAX_FILE_BYTES), in the built code. Prints one JSON line: how
// long it took, the peak resident memory, and the verdict or the refusal.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [dist, file, maxBytes, now] = process.argv.slice(2);
const { openLogs } = await import(pathToFileURL(`${dist}/src/ingest/archive.js`).href);
const { check } = await import(pathToFileURL(`${dist}/src/check.js`).href);
const bytes = readFileSync(file);
const started = performance.now();
let outcome;
try {
  const logs = await openLogs([bytes], 'logs.zip', { maxBytes: Number(maxBytes) });
  const { diagnosis } = await check({
    inputs: logs.map((l) => ({ name: l.name, chunks: l.chunks, tail: true })),
    lang: 'en',
    maxBytes: Number(maxBytes),
    now: new Date(now),
    store: null,
    mayRecordFacts: false,
    offThread: true,
  });
  outcome = { accepted: diagnosis.verdict };
} catch (e) {
  outcome = { refused: e?.problem ?? 'unexpected', message: e?.message, reason: e?.reason ?? null };
}
const ms = Math.round(performance.now() - started);
console.log(JSON.stringify({ ms, maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024), ...outcome }));
process.exit(0);
