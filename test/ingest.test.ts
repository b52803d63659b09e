import { encodeShiftJis } from '../bench/shift-jis.mjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanBuffer, scanChunks } from '../src/detect/scanner.js';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError, decodeToUtf8, fileChunks, formatBytes, type ByteSource, type DecodedInfo, type InputProblem } from '../src/ingest/decode.js';
import { waitUntil } from './support/wait.js';

// Real lines from the KB954960 material (classic WindowsUpdate.log: TABs, CRLF).
const PT_LINES = [
  '2008-08-12\t09:15:41:203\t 940\tf54\tPT\tWARNING: SyncUpdates failure, error = 0x8024400E, soap client error = 7, soap error code = 400, HTTP status code = 200',
  '2008-08-12\t09:15:41:203\t 940\tf54\tPT\tWARNING: SOAP Fault: 0x000190',
  '2008-08-12\t09:15:41:203\t 940\tf54\tPT\tWARNING:     ErrorCode:InternalServerError(5)',
  '2008-08-12\t09:15:41:203\t 940\tf54\tPT\tWARNING:     ID:c0a7445f-b989-43fa-ac20-11f8ca65fa8c',
];
const LOG = `${PT_LINES.join('\r\n')}\r\n`;
const SERVER_LINE =
  '2008-08-12 00:15:41.187 UTC\tError\tw3wp.7\tSoapUtilities.CreateException\tThrowException: actor = http://wsusebc/ClientWebService/client.asmx, ID=c0a7445f-b989-43fa-ac20-11f8ca65fa8c, ErrorCode=InternalServerError, Message=, Client=?\r\n';
const BIG = 100 * 1024 * 1024;
const OPTS = { maxBytes: BIG };

/** Feeds `buf` in pieces of `size` bytes (a fresh copy each, like a socket would). */
function* pieces(buf: Buffer, size: number): Generator<Uint8Array> {
  for (let i = 0; i < buf.length; i += size) yield new Uint8Array(buf.subarray(i, i + size));
}

async function decodeAll(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options = OPTS,
): Promise<{ text: string; info: DecodedInfo[]; chunks: Buffer[] }> {
  const info: DecodedInfo[] = [];
  const chunks: Buffer[] = [];
  for await (const c of decodeToUtf8(source, options, (i) => info.push(i))) {
    expect(Buffer.isBuffer(c)).toBe(true);
    chunks.push(c);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), info, chunks };
}

async function problemOf(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, options = OPTS): Promise<InputProblem> {
  try {
    await decodeAll(source, options);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).message).toMatch(/^[A-Z].*\.$/); // a sentence, not a raw error
    expect((e as Error).message).not.toMatch(/Z_|ENOENT|zlib/);
    return (e as InputError).problem;
  }
  throw new Error('expected an InputError');
}

/** Deterministic pseudo-random bytes (xorshift32), so refusal tests cannot flake. */
function randomBytes(n: number, seed = 0x9e3779b9): Buffer {
  const out = Buffer.alloc(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

function utf16be(text: string): Buffer {
  const b = Buffer.from(text, 'utf16le');
  b.swap16();
  return b;
}

describe('decodeToUtf8: encodings', () => {
  it('passes plain UTF-8 through unchanged, CRLF preserved', async () => {
    const { text, info } = await decodeAll([Buffer.from(LOG)]);
    expect(text).toBe(LOG);
    expect(text).toContain('\r\n');
    expect(info).toEqual([{ encoding: 'utf-8', gzip: false, bom: false }]);
  });

  it('passes LF-only text through unchanged', async () => {
    const lf = `${PT_LINES.join('\n')}\n`;
    expect((await decodeAll([Buffer.from(lf)])).text).toBe(lf);
  });

  it('does not copy a big plain UTF-8 chunk', async () => {
    const big = Buffer.alloc(512 * 1024, 'a');
    const { chunks } = await decodeAll([big]);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.buffer).toBe(big.buffer);
  });

  it('strips a UTF-8 BOM', async () => {
    const { text, info } = await decodeAll([Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(LOG)])]);
    expect(text).toBe(LOG);
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(info[0]).toEqual({ encoding: 'utf-8', gzip: false, bom: true });
  });

  it('strips a UTF-8 BOM split over 1-byte chunks', async () => {
    const buf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(LOG)]);
    expect((await decodeAll(pieces(buf, 1))).text).toBe(LOG);
  });

  it('keeps non-ASCII UTF-8 intact', async () => {
    const t = `タイトル = Windows Server 2003 用セキュリティ更新プログラム\r\n${LOG}`;
    const { text, info } = await decodeAll(pieces(Buffer.from(t), 3));
    expect(text).toBe(t);
    expect(info[0]!.encoding).toBe('utf-8');
  });

  it('transcodes UTF-16LE with a BOM', async () => {
    const buf = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(LOG, 'utf16le')]);
    const { text, info } = await decodeAll([buf]);
    expect(text).toBe(LOG);
    expect(info[0]).toEqual({ encoding: 'utf-16le', gzip: false, bom: true });
  });

  it('transcodes UTF-16LE without a BOM (NUL every other byte)', async () => {
    const { text, info } = await decodeAll([Buffer.from(LOG + SERVER_LINE, 'utf16le')]);
    expect(text).toBe(LOG + SERVER_LINE);
    expect(info[0]).toEqual({ encoding: 'utf-16le', gzip: false, bom: false });
  });

  it('transcodes mostly-Japanese UTF-16LE and UTF-16BE without a BOM', async () => {
    const ja = '一部のコンピュータが WSUS サーバーから更新プログラムを受信しない。\r\n'.repeat(40);
    const le = await decodeAll(pieces(Buffer.from(ja, 'utf16le'), 1000));
    expect(le.text).toBe(ja);
    expect(le.info[0]!.encoding).toBe('utf-16le');
    const be = await decodeAll([utf16be(ja)]);
    expect(be.text).toBe(ja);
    expect(be.info[0]!.encoding).toBe('utf-16be');
  });

  it('transcodes UTF-16BE with a BOM', async () => {
    const buf = Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(LOG)]);
    const { text, info } = await decodeAll(pieces(buf, 3));
    expect(text).toBe(LOG);
    expect(info[0]).toEqual({ encoding: 'utf-16be', gzip: false, bom: true });
  });

  it('transcodes UTF-16BE without a BOM', async () => {
    const { text, info } = await decodeAll([utf16be(LOG)]);
    expect(text).toBe(LOG);
    expect(info[0]!.encoding).toBe('utf-16be');
  });

  for (const size of [1, 3]) {
    it(`keeps UTF-16LE surrogate pairs and Japanese intact when fed in ${size}-byte chunks`, async () => {
      const t = `${LOG}更新 😀 𠮷野家 ok\r\n${SERVER_LINE}`;
      const buf = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]);
      const { text } = await decodeAll(pieces(buf, size));
      expect(text).toBe(t);
      expect(text).not.toContain('\uFFFD');
    });
    it(`keeps UTF-16BE surrogate pairs intact when fed in ${size}-byte chunks`, async () => {
      const t = `${LOG}😀𠮷\r\n`;
      const buf = Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(t)]);
      expect((await decodeAll(pieces(buf, size))).text).toBe(t);
    });
  }

  it('replaces invalid surrogates instead of crashing', async () => {
    // lone low surrogate, lone high surrogate followed by ASCII, and a high surrogate at the very end
    const units = [0x0041, 0xdc00, 0x0042, 0xd800, 0x0043, 0x000a];
    const body = Buffer.alloc(units.length * 2);
    for (const [i, u] of units.entries()) body.writeUInt16LE(u, i * 2);
    const buf = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(LOG, 'utf16le'), body, Buffer.from([0x00, 0xd8])]);
    const { text } = await decodeAll(pieces(buf, 1));
    expect(text).toBe(`${LOG}A\uFFFDB\uFFFDC\n\uFFFD`);
  });

  it('transcodes Shift_JIS (CP932) Japanese text', async () => {
    const t = `2008/08/12 9:15:41 警告: 更新プログラムの同期に失敗しました error = 0x8024400E\r\n${LOG}`;
    const sjis = encodeShiftJis(t);
    expect(sjis.toString('utf8')).not.toBe(t); // really not UTF-8
    const { text, info } = await decodeAll(pieces(sjis, 3)); // split double-byte characters
    expect(text).toBe(t);
    expect(info[0]!.encoding).toBe('shift_jis');
  });

  it('switches to Shift_JIS when the first non-ASCII bytes come after the sniffed sample', async () => {
    const ascii = LOG.repeat(100); // > 8 KB of ASCII first
    const jp = '警告: 同期に失敗しました\r\n';
    const buf = Buffer.concat([Buffer.from(ascii), encodeShiftJis(jp)]);
    const { text, info } = await decodeAll(pieces(buf, 4096));
    expect(text).toBe(ascii + jp);
    expect(info.map((i) => i.encoding)).toEqual(['utf-8', 'shift_jis']);
  });

  it('passes through a mostly-ASCII log that is neither UTF-8 nor Shift_JIS (CP1252)', async () => {
    const buf = Buffer.concat([Buffer.from(LOG), Buffer.from('Caf\xe9 \xe0 la cr\xe8me\r\n', 'latin1'), Buffer.from(LOG)]);
    const { chunks, info } = await decodeAll([buf]);
    expect(Buffer.concat(chunks).equals(buf)).toBe(true);
    expect(info[0]!.encoding).toBe('unknown-8bit');
  });
});

describe('decodeToUtf8: gzip', () => {
  it('decompresses gzip of UTF-8', async () => {
    const { text, info } = await decodeAll([gzipSync(Buffer.from(LOG + SERVER_LINE))]);
    expect(text).toBe(LOG + SERVER_LINE);
    expect(info[0]).toEqual({ encoding: 'utf-8', gzip: true, bom: false });
  });

  it('decompresses gzip of UTF-16LE (with BOM), fed in 1-byte chunks', async () => {
    const gz = gzipSync(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(LOG, 'utf16le')]));
    const { text, info } = await decodeAll(pieces(gz, 1));
    expect(text).toBe(LOG);
    expect(info[0]).toEqual({ encoding: 'utf-16le', gzip: true, bom: true });
  });

  it('refuses a truncated gzip', async () => {
    const gz = gzipSync(Buffer.from(LOG.repeat(50)));
    expect(await problemOf([gz.subarray(0, gz.length - 10)])).toBe('truncated-gzip');
    expect(await problemOf([gz.subarray(0, 12)])).toBe('truncated-gzip');
  });

  it('refuses garbage after the gzip magic', async () => {
    expect(await problemOf([Buffer.from([0x1f, 0x8b, 0x09, 0x09, 0x09, 0x09, 0x09, 0x09, 0x09, 0x09, 0x09, 0x09])])).toBe('bad-gzip');
    const gz = gzipSync(Buffer.from(LOG.repeat(50)));
    const corrupt = Buffer.from(gz);
    for (let i = 20; i < corrupt.length - 8; i += 7) corrupt[i] = corrupt[i]! ^ 0x5a;
    expect(['bad-gzip', 'truncated-gzip']).toContain(await problemOf([corrupt]));
  });

  it('refuses a gzip whose content is binary', async () => {
    expect(await problemOf([gzipSync(randomBytes(20_000))])).toBe('binary');
  });

  it('refuses an empty gzip', async () => {
    expect(await problemOf([gzipSync(Buffer.alloc(0))])).toBe('empty');
  });
});

describe('decodeToUtf8: refusals', () => {
  const pngHeader = Buffer.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x08, 0x06,
    0x00, 0x00, 0x00, 0x5c, 0x72, 0xa8, 0x66,
  ]);

  it('refuses a PNG (header bytes, and header + data)', async () => {
    expect(await problemOf([pngHeader])).toBe('binary');
    expect(await problemOf([pngHeader.subarray(0, 8)])).toBe('binary');
    expect(await problemOf([Buffer.concat([pngHeader, randomBytes(5000)])])).toBe('binary');
    await expect(decodeAll([pngHeader])).rejects.toThrow(/PNG/);
  });

  it('refuses random bytes, small and large', async () => {
    for (const n of [64, 300, 4096, 100_000]) {
      for (let seed = 1; seed <= 20; seed++) {
        expect(await problemOf([randomBytes(n, seed * 7919)])).toBe('binary');
      }
    }
  });

  it('refuses NUL-filled input, and zip / exe headers', async () => {
    expect(await problemOf([Buffer.alloc(10_000)])).toBe('binary');
    expect(await problemOf([Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), randomBytes(2000)])])).toBe('binary');
    const mz = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'latin1'), Buffer.alloc(200)]);
    expect(await problemOf([mz])).toBe('binary');
  });

  it('refuses UTF-16 junk behind a BOM', async () => {
    expect(await problemOf([Buffer.concat([Buffer.from([0xff, 0xfe]), randomBytes(8000)])])).toBe('binary');
  });

  it('accepts a real log with a few odd bytes', async () => {
    const odd = `${LOG}garbage \x01\x02\x7f here\r\n${LOG.repeat(3)}`;
    expect((await decodeAll([Buffer.from(odd, 'latin1')])).text).toBe(odd);
    const escColour = '\x1b[31mWARNING\x1b[0m: SOAP Fault: 0x000190\r\n\f\r\n';
    expect((await decodeAll([Buffer.from(escColour)])).text).toBe(escColour);
  });

  it('refuses empty input (no chunks, empty chunks, a BOM alone)', async () => {
    expect(await problemOf([])).toBe('empty');
    expect(await problemOf([new Uint8Array(0), new Uint8Array(0)])).toBe('empty');
    expect(await problemOf([Buffer.from([0xef, 0xbb, 0xbf])])).toBe('empty');
    expect(await problemOf([Buffer.from([0xff, 0xfe])])).toBe('empty');
  });

  it('refuses raw input over the cap, and stops reading at once', async () => {
    let pulled = 0;
    function* endless(): Generator<Uint8Array> {
      for (;;) {
        pulled++;
        yield Buffer.from(LOG.repeat(100));
      }
    }
    const max = 1024 * 1024;
    const err = await decodeAll(endless(), { maxBytes: max }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).problem).toBe('too-large');
    expect((err as InputError).message).toBe('The file is larger than the 1 MB limit (MAX_FILE_BYTES).');
    expect(pulled * LOG.length * 100).toBeLessThan(max + 2 * LOG.length * 100);
  });

  it('accepts input exactly at the cap', async () => {
    const buf = Buffer.from(LOG);
    expect((await decodeAll([buf], { maxBytes: buf.length })).text).toBe(LOG);
  });

  it('refuses decompressed output over the cap (gzip bomb)', async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 'a')); // ~50 KB compressed
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const err = await decodeAll([bomb], { maxBytes: 1024 * 1024 }).catch((e: unknown) => e);
    expect((err as InputError).problem).toBe('too-large');
    expect((err as InputError).message).toMatch(/decompressed.*1 MB limit/);
  });

  it('closes a gzip source as soon as the decompressed cap is passed', async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 'a'));
    let closed = false;
    let pulled = 0;
    function* src(): Generator<Uint8Array> {
      try {
        for (const p of pieces(bomb, 1024)) {
          pulled++;
          yield p;
        }
      } finally {
        closed = true;
      }
    }
    const err = await decodeAll(src(), { maxBytes: 1024 * 1024 }).catch((e: unknown) => e);
    expect((err as InputError).problem).toBe('too-large');
    await waitUntil('the source to be closed', () => closed, 2000);
    expect(pulled).toBeLessThan(Math.ceil(bomb.length / 1024)); // did not read the whole file
  });

  it('names the limit human-readably', () => {
    expect(formatBytes(104857600)).toBe('100 MB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 ** 3)).toBe('5 GB');
    expect(formatBytes(10)).toBe('10 bytes');
  });

  it('maps source errors to unreadable', async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield Buffer.from(LOG);
      throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    }
    expect(await problemOf(failing())).toBe('unreadable');
    expect(await problemOf(fileChunks('/nonexistent/WindowsUpdate.log'))).toBe('unreadable');
  });
});

describe('decodeToUtf8: size and chunking', () => {
  it('passes a 10 MB single line with no newline through in bounded time', async () => {
    const line = Buffer.alloc(10 * 1024 * 1024, 'x');
    line.write('WARNING: SOAP Fault: 0x000190', 5 * 1024 * 1024);
    const t0 = performance.now();
    let total = 0;
    let maxChunk = 0;
    for await (const c of decodeToUtf8(pieces(line, 64 * 1024), OPTS)) {
      total += c.length;
      maxChunk = Math.max(maxChunk, c.length);
    }
    expect(total).toBe(line.length);
    expect(maxChunk).toBeLessThanOrEqual(1024 * 1024 + 64 * 1024);
    expect(performance.now() - t0).toBeLessThan(3000);
  });

  it('slices a huge single source chunk into ≤ 1 MiB output chunks (UTF-16LE too)', async () => {
    const t = LOG.repeat(20_000); // ~4 MB of UTF-16
    const { chunks, text } = await decodeAll([Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')])]);
    expect(text).toBe(t);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(1024 * 1024);
  });

  it('coalesces tiny source chunks into large output chunks', async () => {
    const t = LOG.repeat(2000); // ~940 KB
    const { chunks, text } = await decodeAll(pieces(Buffer.from(t), 100));
    expect(text).toBe(t);
    expect(chunks.length).toBe(Math.ceil(Buffer.byteLength(t) / (256 * 1024)));
    for (const c of chunks.slice(0, -1)) expect(c.length).toBeGreaterThanOrEqual(256 * 1024);
  });

  it('reads a file with fileChunks and agrees with the bytes decoded in one piece', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-ingest-'));
    try {
      const p = join(dir, 'WindowsUpdate.log');
      const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(LOG.repeat(5000), 'utf16le')]);
      writeFileSync(p, bytes);
      const viaFile = await decodeAll(fileChunks(p));
      expect(viaFile.text).toBe(LOG.repeat(5000));
      expect((await decodeAll([bytes])).text).toBe(viaFile.text);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('closes the source when the consumer stops early', async () => {
    let closed = false;
    function* src(): Generator<Uint8Array> {
      try {
        for (;;) yield Buffer.alloc(512 * 1024, 'a');
      } finally {
        closed = true;
      }
    }
    for await (const _ of decodeToUtf8(src(), OPTS)) break;
    expect(closed).toBe(true);
  });
});

describe('borrowed chunks: a source that reuses one buffer', () => {
  /** Yields every piece through one shared buffer and scribbles over it as soon as the next piece is asked for. */
  async function* scribbling(bytes: Buffer, sizes: readonly number[]): AsyncGenerator<Buffer> {
    const shared = Buffer.alloc(Math.max(1, ...sizes));
    for (let off = 0, i = 0; off < bytes.length; i++) {
      const n = Math.min(sizes[i % sizes.length]!, bytes.length - off);
      bytes.copy(shared, 0, off, off + n);
      yield shared.subarray(0, n);
      shared.fill(0x5a); // whatever the decoder kept of the previous chunk is garbage now
      off += n;
    }
  }

  /** Decodes, copying each yielded chunk at once (borrowed output is valid only until the next pull). */
  async function decodeCopying(source: ByteSource, borrowed: boolean): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const c of decodeToUtf8(source, { maxBytes: 1 << 26, borrowed })) parts.push(Buffer.from(c));
    return Buffer.concat(parts);
  }

  const text = (lines: number) =>
    Array.from({ length: lines }, (_, i) =>
      i % 97 === 0
        ? 'PT  WARNING: SOAP Fault: 0x000190 ErrorCode:InternalServerError(5)SyncUpdates failure, error = 0x8024400E'
        : `2008-08-12\t09:15:41:203\t 940\tf54\tAgent\t  * line ${i} 更新プログラム`,
    ).join('\r\n');
  const encodings: Record<string, (t: string) => Buffer> = {
    'utf-8': (t) => Buffer.from(t, 'utf8'),
    'utf-16le with BOM': (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]),
    'utf-16le without BOM': (t) => Buffer.from(t, 'utf16le'),
    gzip: (t) => gzipSync(Buffer.from(t, 'utf8')),
    'ascii then shift_jis': (t) => Buffer.concat([Buffer.from(`${'x'.repeat(9000)}\n`), encodeShiftJis(t)]),
  };

  it.each(Object.keys(encodings))('decodes %s exactly as an owning source does, whatever the chunk sizes', async (name) => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4000 }),
        fc.array(fc.integer({ min: 1, max: 400_000 }), { minLength: 1, maxLength: 4 }),
        async (lines, sizes) => {
          const bytes = encodings[name]!(text(lines));
          const expected = await decodeCopying([bytes], false);
          expect((await decodeCopying(scribbling(bytes, sizes), true)).equals(expected)).toBe(true);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('scans a borrowed stream to the same findings and line numbers', async () => {
    const bytes = Buffer.from(text(20_000), 'utf8');
    const expected = scanBuffer(bytes);
    const scanned = await scanChunks(decodeToUtf8(scribbling(bytes, [65_536, 1_048_576, 7]), { maxBytes: 1 << 26, borrowed: true }));
    expect(scanned.lines).toBe(expected.lines);
    expect(scanned.findings).toEqual(expected.findings);
  });
});
