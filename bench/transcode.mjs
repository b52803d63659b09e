// bench/transcode: decodeToUtf8 (compiled: run `npm run build` first) over 50 MiB logs in UTF-16LE, UTF-16BE,
// Shift_JIS and UTF-8, read with fileChunks as the CLI does. Prints MB/s of input per encoding (best of reps).
//
//   node bench/transcode.mjs [--mib 50] [--reps 3]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { encodeShiftJis } from './shift-jis.mjs';

const { values } = parseArgs({ options: { mib: { type: 'string', default: '50' }, reps: { type: 'string', default: '3' } } });
const size = Number(values.mib) * 1024 * 1024;
const reps = Number(values.reps);
const { decodeToUtf8, fileChunks } = await import(new URL('../dist/src/ingest/decode.js', import.meta.url).pathname);

// Japanese Windows writes its WindowsUpdate.log lines with localized text: a mix of ASCII and CJK.
const lines = [
  '2008-08-12\t09:15:41:203\t 940\tf54\tPT\tWARNING: SyncUpdates failure, error = 0x8024400E, soap client error = 7\r\n',
  '2008-08-12\t09:15:41:203\t 940\tf54\tAgent\t  * 更新プログラムの検出を開始しています (サービス ID = 3DA21691)\r\n',
  '2008-08-12\t09:15:41:203\t 940\tf54\tAU\t## 警告: 更新プログラムの同期に失敗しました, error = 0x8024400E\r\n',
  '2008-08-12\t09:15:41:218\t 940\tf54\tReport\tREPORT EVENT: {C0A7445F} 2008-08-12 09:15:41:203+0900 1 148 101 成功\r\n',
];
const unit = lines.join('');
const text = unit.repeat(Math.ceil(size / Buffer.byteLength(unit, 'utf16le')));
const be = Buffer.from(text, 'utf16le');
be.swap16();
const files = {
  'utf-16le (BOM)': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
  'utf-16be (BOM)': Buffer.concat([Buffer.from([0xfe, 0xff]), be]),
  shift_jis: encodeShiftJis(text),
  'utf-8': Buffer.from(text, 'utf8'),
};

const dir = mkdtempSync(join(tmpdir(), 'kb954960-transcode-'));
try {
  console.log(`input ≈ ${values.mib} MiB of UTF-16 text; best of ${reps}`);
  for (const [name, bytes] of Object.entries(files)) {
    const p = join(dir, 'WindowsUpdate.log');
    writeFileSync(p, bytes);
    let best = Infinity;
    let out = 0;
    for (let r = 0; r <= reps; r++) {
      const t0 = performance.now();
      out = 0;
      for await (const c of decodeToUtf8(fileChunks(p, { reuse: true }), { maxBytes: 2 ** 31, borrowed: true })) out += c.length;
      if (r > 0) best = Math.min(best, performance.now() - t0); // r = 0 warms up
    }
    console.log(
      `${name.padEnd(16)} ${(bytes.length / 1e6).toFixed(0).padStart(4)} MB in  ${best.toFixed(0).padStart(6)} ms  ${(bytes.length / 1e6 / (best / 1000)).toFixed(0).padStart(5)} MB/s   → ${(out / 1e6).toFixed(0)} MB UTF-8`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
