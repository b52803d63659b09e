import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanFileInParts, splitPays } from '../src/scan/split.js';
import { scanInline } from '../src/scan/runner.js';
import { fileChunks } from '../src/ingest/decode.js';
import { fixture } from './support/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'kb954960-split-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const AFFECTED = fixture('client-affected.log');
const OTHER = fixture('client-other-errors.log');
const HEALTHY = fixture('client-healthy.log');

function write(name: string, ...parts: (Buffer | string)[]): { path: string; size: number } {
  const path = join(dir, name);
  writeFileSync(path, Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p))));
  return { path, size: statSync(path).size };
}

/** Any file splits, on a machine with the cores for it (this one may have two). */
const ANY_SIZE = { minBytes: 1, cores: 4 };

const whole = (path: string) => scanInline(fileChunks(path), { maxBytes: Infinity });
const options = { maxBytes: Infinity };

describe('splitPays: two parts only where the cores are there for them', () => {
  it('scans in one pass on one or two cores (on two: 1.48× faster at 1 GiB, for 23 MiB over the memory budget)', () => {
    expect([1, 2, 3, 8].map((cores) => splitPays(cores))).toEqual([false, false, true, true]);
  });
});

describe('scanFileInParts: a large local file, half on the scan thread, as the whole', () => {
  it('finds in two parts what one pass finds, the failure on either side of the cut', async () => {
    const file = write('two-halves.log', HEALTHY, AFFECTED, OTHER, HEALTHY, HEALTHY, AFFECTED, OTHER);
    const parts = await scanFileInParts(file.path, file.size, options, undefined, ANY_SIZE);
    expect(parts).not.toBeNull();
    expect(parts).toEqual(await whole(file.path));
    expect(parts!.findings.some((f) => f.line > parts!.lines / 2)).toBe(true);
  });

  it('keeps the byte-order mark out and the line count right with CRLF', async () => {
    const crlf = Buffer.from(AFFECTED.toString('utf8').replace(/\r?\n/g, '\r\n'));
    const file = write('bom-crlf.log', Buffer.from([0xef, 0xbb, 0xbf]), crlf, crlf, crlf);
    const parts = await scanFileInParts(file.path, file.size, options, undefined, ANY_SIZE);
    expect(parts).not.toBeNull();
    expect(parts).toEqual(await whole(file.path));
  });

  it('leaves to the one-pass scan what it cannot split: small, capped, tail, gzip, UTF-16, non-ASCII after an ASCII start, no line break', async () => {
    const big = write('plain.log', AFFECTED, AFFECTED);
    expect(await scanFileInParts(big.path, big.size, options, undefined, { cores: 4 })).toBeNull(); // under SPLIT_MIN_BYTES
    expect(await scanFileInParts(big.path, big.size, options, undefined, { minBytes: 1, cores: 2 })).toBeNull(); // two cores
    expect(await scanFileInParts(big.path, big.size, { maxBytes: 10 * big.size }, undefined, ANY_SIZE)).toBeNull();
    expect(await scanFileInParts(big.path, big.size, { maxBytes: Infinity, tail: true }, undefined, ANY_SIZE)).toBeNull();
    const gz = write('x.log.gz', fixture('client-affected.log.gz'));
    expect(await scanFileInParts(gz.path, gz.size, options, undefined, ANY_SIZE)).toBeNull();
    const utf16 = write('utf16.log', fixture('client-affected-utf16le.log'));
    expect(await scanFileInParts(utf16.path, utf16.size, options, undefined, ANY_SIZE)).toBeNull();
    // Shift_JIS bytes in the second half of a file that starts as ASCII: the decoder would switch; the raw read must not guess.
    const sjis = write('sjis-late.log', AFFECTED, AFFECTED, Buffer.from([0x83, 0x65, 0x83, 0x58, 0x83, 0x67, 0x0a]));
    expect(await scanFileInParts(sjis.path, sjis.size, options, undefined, ANY_SIZE)).toBeNull();
    const oneLine = write('one-line.log', 'x'.repeat(5000));
    expect(await scanFileInParts(oneLine.path, oneLine.size, options, undefined, ANY_SIZE)).toBeNull();
  });

  it('passes UTF-8 through after a UTF-8 start, as the decoder does', async () => {
    const file = write('utf8.log', '2008-08-12\t09:15:41:203\t 988\tc4\tAgent\t  * Title = 日本語の更新プログラム\n', AFFECTED, 'サーバー\n', AFFECTED);
    const parts = await scanFileInParts(file.path, file.size, options, undefined, ANY_SIZE);
    expect(parts).not.toBeNull();
    expect(parts).toEqual(await whole(file.path));
  });
});
