/**
 * ingest/decode — any input bytes → a stream of UTF-8 `Buffer` chunks.
 *
 * - gzip (by its magic bytes) is decompressed in a stream, capped like the raw input (gzip bombs);
 * - UTF-8 (BOM stripped), UTF-16LE/BE (BOM, or NUL-every-other-byte) and Shift_JIS (CP932) are detected
 *   from a sample of the first bytes and transcoded to UTF-8 in a streaming way;
 * - binary junk (images, archives, executables, random bytes) is refused before anything is scanned;
 * - memory stays flat: nothing ever holds the whole input, and plain UTF-8 passes through uncopied.
 *
 * Every failure is an `InputError` with a user-facing English message; raw zlib / fs errors never escape.
 */
import { open } from 'node:fs/promises';
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { isAscii } from 'node:buffer';

export type InputProblem = 'too-large' | 'binary' | 'truncated-gzip' | 'bad-gzip' | 'empty' | 'unreadable';

export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    readonly problem: InputProblem,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface DecodeOptions {
  /** Cap on raw input bytes AND on decompressed bytes (gzip bombs). */
  maxBytes: number;
  /**
   * The source reuses its buffer: each chunk is valid only until the next one is requested (fileChunks with
   * `reuse`). The decoder then copies whatever it keeps across chunks, and the chunks it yields are valid only until
   * the next one is requested too. Saves a fresh buffer (page faults, GC) per read on large files.
   */
  borrowed?: boolean;
  /** Name of the setting behind `maxBytes`, quoted in the too-large message. Default `MAX_FILE_BYTES`. */
  limitName?: string;
}

/**
 * `unknown-8bit`: neither valid UTF-8 nor Shift_JIS (e.g. a CP1252 log with a few accented bytes);
 * the bytes are passed through unchanged (the scanner only matches ASCII literals).
 */
export type DecodedEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'shift_jis' | 'unknown-8bit';

export interface DecodedInfo {
  encoding: DecodedEncoding;
  gzip: boolean;
  /** A byte-order mark was found (and stripped). */
  bom: boolean;
}

/** Source chunks larger than this are sliced (without copying) before transcoding / yielding. */
const MAX_PIECE = 1024 * 1024;
/** Output chunks are coalesced up to at least this size (the last one may be smaller). */
const OUT_TARGET = 256 * 1024;
/** How many leading bytes decide encoding and text-vs-binary. */
const SNIFF_BYTES = 8 * 1024;

const ASCII_CONTROL_OK = new Set([0x09, 0x0a, 0x0c, 0x0d, 0x1b]); // TAB LF FF CR ESC

/** 104857600 → "100 MB"; 1536 → "1.5 KB". Binary multiples, as the limits are set in bytes. */
export function formatBytes(n: number): string {
  const units: Array<[number, string]> = [
    [1024 ** 4, 'TB'],
    [1024 ** 3, 'GB'],
    [1024 ** 2, 'MB'],
    [1024, 'KB'],
  ];
  for (const [size, unit] of units) {
    if (n >= size) {
      const v = n / size;
      const s = v >= 100 || Number.isInteger(v) ? String(Math.round(v)) : v.toFixed(1).replace(/\.0$/, '');
      return `${s} ${unit}`;
    }
  }
  return n === 1 ? '1 byte' : `${n} bytes`;
}

function tooLarge(options: DecodeOptions, decompressed: boolean): InputError {
  const what = decompressed ? 'The decompressed file' : 'The file';
  return new InputError(
    'too-large',
    `${what} is larger than the ${formatBytes(options.maxBytes)} limit (${options.limitName ?? 'MAX_FILE_BYTES'}).`,
  );
}

function emptyError(): InputError {
  return new InputError('empty', 'The file is empty: there is nothing to scan.');
}

function binaryError(kind?: string): InputError {
  const what = kind ? `This looks like ${kind}, not a text log` : 'This does not look like a text log (it contains binary data)';
  return new InputError(
    'binary',
    `${what}. Send WindowsUpdate.log or SoftwareDistribution.log as plain text (a gzip'd log is fine too).`,
  );
}

function errorCode(e: unknown): string | undefined {
  if (e && typeof e === 'object' && 'code' in e && typeof (e as { code: unknown }).code === 'string') {
    return (e as { code: string }).code;
  }
  return undefined;
}

/** Any error from reading the source → an InputError ('unreadable' unless it already is one). */
function toInputError(e: unknown): InputError {
  if (e instanceof InputError) return e;
  const code = errorCode(e);
  const reason =
    code === 'ENOENT'
      ? ': file not found'
      : code === 'EACCES' || code === 'EPERM'
        ? ': permission denied'
        : code === 'EISDIR'
          ? ': it is a directory'
          : code === 'ABORT_ERR' || (e instanceof Error && e.name === 'AbortError')
            ? ': the download was aborted'
            : '';
  return new InputError('unreadable', `The file could not be read${reason}.`, { cause: e });
}

function gzipError(e: unknown): InputError {
  if (e instanceof InputError) return e;
  const code = errorCode(e);
  if (code === 'Z_BUF_ERROR' || (e instanceof Error && /unexpected end of file/i.test(e.message))) {
    return new InputError(
      'truncated-gzip',
      'The gzip file is truncated (it ends before the compressed data does). Upload the complete file.',
      { cause: e },
    );
  }
  if (code !== undefined && (code.startsWith('Z_') || code.startsWith('ERR_ZLIB') || code === 'ERR_BUFFER_TOO_LARGE')) {
    return new InputError('bad-gzip', 'The file starts like gzip but is not valid gzip data (it is corrupt).', {
      cause: e,
    });
  }
  return toInputError(e);
}

function asBuffer(chunk: Uint8Array | string): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  if (Buffer.isBuffer(chunk)) return chunk;
  return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength); // a view, no copy
}

/** Source → Buffers, counting raw bytes (too-large as soon as the cap is passed) and mapping read errors. */
async function* readRaw(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: DecodeOptions,
): AsyncGenerator<Buffer> {
  let total = 0;
  try {
    for await (const chunk of source as AsyncIterable<Uint8Array | string>) {
      const buf = asBuffer(chunk);
      if (buf.length === 0) continue;
      total += buf.length;
      if (total > options.maxBytes) throw tooLarge(options, false);
      yield buf;
    }
  } catch (e) {
    throw toInputError(e);
  }
}

/** Streams gzip'd bytes through zlib, capping the decompressed size. */
async function* gunzip(input: AsyncIterable<Buffer>, options: DecodeOptions): AsyncGenerator<Buffer> {
  const src = Readable.from(input);
  const gz = createGunzip({ chunkSize: 256 * 1024 });
  pipeline(src, gz, () => {
    /* errors surface through the iteration of `gz` below */
  });
  let total = 0;
  try {
    for await (const chunk of gz as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > options.maxBytes) throw tooLarge(options, true);
      yield chunk;
    }
  } catch (e) {
    throw gzipError(e);
  } finally {
    gz.destroy();
    src.destroy();
  }
}

/** A chunk stream that can be peeked at (the first N bytes) and then consumed in full. */
class PeekableChunks {
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private done = false;
  /** copyHeld: the iterator's chunks are borrowed, so the ones held back while peeking are copied. */
  constructor(
    private readonly it: AsyncIterator<Buffer>,
    private readonly copyHeld = false,
  ) {}

  /** The first min(n, total) bytes (a view when one chunk suffices), and whether that is all there is. */
  async peek(n: number): Promise<{ bytes: Buffer; complete: boolean }> {
    while (this.headBytes < n && !this.done) {
      const r = await this.it.next();
      if (r.done) this.done = true;
      else if (r.value.length > 0) {
        this.head.push(this.copyHeld ? Buffer.from(r.value) : r.value);
        this.headBytes += r.value.length;
      }
    }
    const first = this.head[0];
    const bytes =
      first === undefined
        ? Buffer.alloc(0)
        : first.length >= n || this.head.length === 1
          ? first.subarray(0, n)
          : Buffer.concat(this.head, Math.min(n, this.headBytes));
    return { bytes, complete: this.done && this.headBytes <= n };
  }

  async *rest(): AsyncGenerator<Buffer> {
    try {
      while (this.head.length > 0) {
        const b = this.head.shift()!;
        this.headBytes -= b.length;
        yield b;
      }
      while (!this.done) {
        const r = await this.it.next();
        if (r.done) this.done = true;
        else if (r.value.length > 0) yield r.value;
      }
    } finally {
      if (!this.done) {
        this.done = true;
        await this.it.return?.(undefined);
      }
    }
  }

  async close(): Promise<void> {
    if (!this.done) {
      this.done = true;
      await this.it.return?.(undefined);
    }
  }
}

// ---------------------------------------------------------------- detection

const MAGIC: Array<[number[], string]> = [
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (extract the log first)'],
  [[0x50, 0x4b, 0x05, 0x06], 'an empty ZIP archive'],
  [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], 'a 7-Zip archive (extract the log first)'],
  [[0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], 'a RAR archive (extract the log first)'],
  [[0x4d, 0x53, 0x43, 0x46, 0x00, 0x00, 0x00, 0x00], 'a CAB archive (extract the log first)'],
  [[0x25, 0x50, 0x44, 0x46, 0x2d], 'a PDF document'],
  [[0x7f, 0x45, 0x4c, 0x46], 'an executable'],
  [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'an Office document or MSI package'],
  [[0x45, 0x6c, 0x66, 0x46, 0x69, 0x6c, 0x65, 0x00], 'a Windows event log (.evtx) — export the events as text'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'an xz archive'],
  [[0x28, 0xb5, 0x2f, 0xfd], 'a zstd archive'],
];

function magicKind(sample: Buffer): string | undefined {
  for (const [sig, kind] of MAGIC) {
    if (sample.length < sig.length) continue;
    let ok = true;
    for (let i = 0; i < sig.length; i++) {
      if (sample[i] !== sig[i]) {
        ok = false;
        break;
      }
    }
    if (ok) return kind;
  }
  if (sample.length >= 2 && sample[0] === 0x4d && sample[1] === 0x5a && sample.includes(0)) return 'a Windows executable';
  return undefined;
}

function validAs(encoding: 'utf-8' | 'shift_jis', bytes: Buffer, complete: boolean): boolean {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(bytes, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

/** Plausible text code points (for UTF-16): ASCII/Latin/Greek/Cyrillic, Hebrew/Arabic, Thai, punctuation and
 * symbols, CJK, Hangul, fullwidth forms. Random 16-bit values land outside these ~30% of the time. */
function plausibleCodePoint(c: number): boolean {
  if (c < 0x20) return ASCII_CONTROL_OK.has(c);
  if (c === 0x7f) return false;
  if (c < 0x80) return true;
  if (c < 0xa0) return false; // C1 controls
  return (
    c <= 0x052f ||
    (c >= 0x0590 && c <= 0x06ff) ||
    (c >= 0x0e00 && c <= 0x0e7f) ||
    (c >= 0x1e00 && c <= 0x2bff) ||
    (c >= 0x3000 && c <= 0x9fff) ||
    (c >= 0xac00 && c <= 0xd7af) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xffef) ||
    c === 0xfeff
  );
}

/**
 * Valid Shift_JIS that reads like text: random bytes often decode "cleanly" as Shift_JIS, but then as
 * many halfwidth katakana, user-defined (private use) characters and control codes, which real text isn't.
 */
function looksLikeShiftJis(bytes: Buffer, complete: boolean): boolean {
  if (!validAs('shift_jis', bytes, complete)) return false;
  const text = new TextDecoder('shift_jis').decode(bytes, { stream: !complete });
  let odd = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (
      (c < 0x20 && !ASCII_CONTROL_OK.has(c)) ||
      c === 0x7f ||
      (c >= 0xff61 && c <= 0xff9f) ||
      (c >= 0xe000 && c <= 0xf8ff) ||
      c === 0xfffd
    ) {
      odd++;
    }
  }
  return text.length > 0 && odd / text.length <= 0.1;
}

/** Strict plausibility for BOM-less UTF-16 with few NULs: almost every character must be plausible. */
function readsAsUtf16(bytes: Buffer, le: boolean): boolean {
  const { bad, nul, n } = utf16Stats(decodeUtf16Sample(bytes, le));
  return n > 0 && nul === 0 && bad / n <= 0.02;
}

function checkUtf16Text(text: string): void {
  const { bad, nul, n } = utf16Stats(text);
  if (n === 0) return;
  if (nul / n > 0.01 || bad / n > 0.1) throw binaryError();
}

function utf16Stats(text: string): { bad: number; nul: number; n: number } {
  let bad = 0;
  let nul = 0;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    n++;
    if (c === 0) nul++;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++; // a valid pair: an astral character (emoji, rare CJK) is fine
        continue;
      }
    }
    if (!plausibleCodePoint(c)) bad++;
  }
  return { bad, nul, n };
}

function checkEightBit(sample: Buffer, validText: boolean): void {
  let nul = 0;
  let control = 0;
  let asciiText = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i]!;
    if (b === 0) nul++;
    if ((b < 0x20 && !ASCII_CONTROL_OK.has(b)) || b === 0x7f) control++;
    else if (b < 0x80) asciiText++;
  }
  const n = sample.length;
  if (nul / n > 0.01) throw binaryError();
  if (control / n > 0.1) throw binaryError();
  // Neither UTF-8 nor Shift_JIS: accept only mostly-ASCII text (e.g. CP1252 with a few accents).
  if (!validText && asciiText / n < 0.6) throw binaryError();
}

interface Detected {
  encoding: DecodedEncoding;
  bom: number;
  /** Plain ASCII so far: keep watching later chunks for Shift_JIS. */
  asciiSoFar: boolean;
}

function detect(sample: Buffer, complete: boolean): Detected {
  const kind = magicKind(sample);
  if (kind) throw binaryError(kind);

  // Byte-order marks.
  if (sample.length >= 3 && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) {
    const body = sample.subarray(3);
    checkEightBit(body, true);
    return { encoding: 'utf-8', bom: 3, asciiSoFar: false };
  }
  if (sample.length >= 2 && sample[0] === 0xff && sample[1] === 0xfe) {
    checkUtf16Text(decodeUtf16Sample(sample.subarray(2), true));
    return { encoding: 'utf-16le', bom: 2, asciiSoFar: false };
  }
  if (sample.length >= 2 && sample[0] === 0xfe && sample[1] === 0xff) {
    checkUtf16Text(decodeUtf16Sample(sample.subarray(2), false));
    return { encoding: 'utf-16be', bom: 2, asciiSoFar: false };
  }

  // UTF-16 without a BOM: NUL in every other byte (the high byte of ASCII characters).
  const pairs = sample.length >> 1;
  let evenNul16 = 0;
  let oddNul16 = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) evenNul16++;
    if (sample[i + 1] === 0) oddNul16++;
  }
  if (pairs >= 1) {
    const evenNul = evenNul16;
    const oddNul = oddNul16;
    if (oddNul / pairs >= 0.3 && evenNul / pairs <= 0.02) {
      checkUtf16Text(decodeUtf16Sample(sample, true));
      return { encoding: 'utf-16le', bom: 0, asciiSoFar: false };
    }
    if (evenNul / pairs >= 0.3 && oddNul / pairs <= 0.02) {
      checkUtf16Text(decodeUtf16Sample(sample, false));
      return { encoding: 'utf-16be', bom: 0, asciiSoFar: false };
    }
  }

  // 8-bit text.
  if (isAscii(sample)) {
    checkEightBit(sample, true);
    return { encoding: 'utf-8', bom: 0, asciiSoFar: !complete };
  }
  if (validAs('utf-8', sample, complete)) {
    checkEightBit(sample, true);
    return { encoding: 'utf-8', bom: 0, asciiSoFar: false };
  }
  // UTF-16 without a BOM whose text is mostly non-ASCII (e.g. Japanese): fewer NULs, but still only in one
  // byte position (line breaks, spaces, digits), and the decoded text reads like text.
  if (pairs >= 8) {
    if (oddNul16 / pairs >= 0.01 && oddNul16 > 2 * evenNul16 && readsAsUtf16(sample, true)) {
      return { encoding: 'utf-16le', bom: 0, asciiSoFar: false };
    }
    if (evenNul16 / pairs >= 0.01 && evenNul16 > 2 * oddNul16 && readsAsUtf16(sample, false)) {
      return { encoding: 'utf-16be', bom: 0, asciiSoFar: false };
    }
  }
  if (looksLikeShiftJis(sample, complete)) {
    checkEightBit(sample, true);
    return { encoding: 'shift_jis', bom: 0, asciiSoFar: false };
  }
  checkEightBit(sample, false);
  return { encoding: 'unknown-8bit', bom: 0, asciiSoFar: false };
}

function decodeUtf16Sample(bytes: Buffer, le: boolean): string {
  const t = new Utf16Transcoder(le);
  const out = t.push(bytes);
  return out ? out.toString('utf8') : '';
}

// ---------------------------------------------------------------- transcoders

interface Transcoder {
  /** May return the input itself (pass-through), a new buffer, or null when nothing is ready yet. */
  push(b: Buffer): Buffer | null;
  end(): Buffer | null;
}

const REPLACEMENT = Buffer.from('\uFFFD', 'utf8');

/** UTF-16 → UTF-8; keeps an odd byte or a trailing high surrogate for the next chunk. */
class Utf16Transcoder implements Transcoder {
  private carry: Buffer | null = null;
  constructor(private readonly le: boolean) {}

  push(b: Buffer): Buffer | null {
    const data = this.carry ? Buffer.concat([this.carry, b]) : b;
    const ownData = this.carry !== null;
    this.carry = null;
    let end = data.length & ~1;
    if (end >= 2) {
      const hi = this.le ? data[end - 1]! : data[end - 2]!;
      if ((hi & 0xfc) === 0xd8) end -= 2; // high surrogate: wait for its low half
    }
    if (end < data.length) this.carry = Buffer.from(data.subarray(end)); // ≤ 3 bytes
    if (end === 0) return null;
    let s: string;
    if (this.le) {
      s = data.toString('utf16le', 0, end);
    } else {
      const swapped = ownData ? data.subarray(0, end) : Buffer.from(data.subarray(0, end));
      swapped.swap16();
      s = swapped.toString('utf16le');
    }
    // Lone surrogates become U+FFFD here (V8 replaces them when encoding UTF-8).
    return Buffer.from(s, 'utf8');
  }

  end(): Buffer | null {
    const left = this.carry;
    this.carry = null;
    if (!left || left.length === 0) return null;
    return REPLACEMENT; // a lone high surrogate and/or an odd trailing byte
  }
}

class ShiftJisTranscoder implements Transcoder {
  private readonly dec = new TextDecoder('shift_jis');
  push(b: Buffer): Buffer | null {
    const s = this.dec.decode(b, { stream: true });
    return s.length ? Buffer.from(s, 'utf8') : null;
  }
  end(): Buffer | null {
    const s = this.dec.decode();
    return s.length ? Buffer.from(s, 'utf8') : null;
  }
}

/**
 * Pass-through for input that was plain ASCII in the sample: watches later chunks (cheap `isAscii`) and,
 * at the first non-ASCII byte, decides once between UTF-8 (keep passing through) and Shift_JIS (switch).
 */
class AsciiWatchTranscoder implements Transcoder {
  private state: 'watch' | 'pass' | 'sjis' = 'watch';
  private held: Buffer | null = null;
  private sjis: ShiftJisTranscoder | null = null;
  constructor(private readonly onSwitch: (encoding: DecodedEncoding) => void) {}

  push(b: Buffer): Buffer | null {
    if (this.state === 'pass') return b;
    if (this.state === 'sjis') return this.sjis!.push(b);
    const data = this.held ? Buffer.concat([this.held, b]) : b;
    this.held = null;
    if (isAscii(data)) return data;
    let idx = 0;
    while (data[idx]! < 0x80) idx++;
    const window = data.subarray(idx, idx + SNIFF_BYTES);
    if (window.length < 4) {
      // Too little to judge: keep the tail for the next chunk.
      this.held = Buffer.from(window);
      return idx > 0 ? data.subarray(0, idx) : null;
    }
    return this.decide(data, window, false);
  }

  private decide(data: Buffer, window: Buffer, complete: boolean): Buffer | null {
    if (!validAs('utf-8', window, complete) && looksLikeShiftJis(window, complete)) {
      this.state = 'sjis';
      this.sjis = new ShiftJisTranscoder();
      this.onSwitch('shift_jis');
      return this.sjis.push(data); // ASCII decodes to itself in Shift_JIS
    }
    this.state = 'pass';
    if (!validAs('utf-8', window, complete)) this.onSwitch('unknown-8bit');
    return data;
  }

  end(): Buffer | null {
    if (this.state === 'sjis') return this.sjis!.end();
    const held = this.held;
    this.held = null;
    if (held && this.state === 'watch') {
      const out = this.decide(held, held, true);
      const tail = this.sjis ? this.sjis.end() : null;
      return out && tail ? Buffer.concat([out, tail]) : (out ?? tail);
    }
    return held;
  }
}

/** Coalesces small outputs into chunks of ≥ OUT_TARGET bytes; big ones go through as they are. */
class Coalescer {
  private parts: Buffer[] = [];
  private size = 0;

  /** copyHeld: inputs may be borrowed, so a small one kept for the next output is copied. */
  constructor(private readonly copyHeld = false) {}

  push(b: Buffer): Buffer[] {
    if (b.length >= OUT_TARGET) {
      const out = this.flush();
      out.push(b);
      return out;
    }
    this.parts.push(this.copyHeld ? Buffer.from(b) : b);
    this.size += b.length;
    return this.size >= OUT_TARGET ? this.flush() : [];
  }

  flush(): Buffer[] {
    if (this.size === 0) return [];
    const out = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.size);
    this.parts = [];
    this.size = 0;
    return [out];
  }
}

// ---------------------------------------------------------------- public API

/**
 * Yields UTF-8 chunks: ≥ 256 KiB each except possibly the last, and at most ~1.5 MiB (source chunks are
 * sliced to ≤ 1 MiB; transcoding CJK text to UTF-8 grows it by up to 1.5×).
 * Throws InputError — a clear, user-facing English message naming the limit or problem — never a raw
 * zlib / Node error. `onInfo` is called once before the first chunk, and again if a later part of a
 * plain-ASCII start turns out to be Shift_JIS (or neither UTF-8 nor Shift_JIS).
 * Line endings are left as they are (CRLF stays CRLF).
 */
export async function* decodeToUtf8(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: DecodeOptions,
  onInfo?: (info: DecodedInfo) => void,
): AsyncGenerator<Buffer> {
  const borrowed = options.borrowed ?? false;
  const raw = new PeekableChunks(readRaw(source, options), borrowed);
  let decoded: PeekableChunks | null = null;
  try {
    const head = await raw.peek(2);
    if (head.bytes.length === 0) throw emptyError();
    const gzip = head.bytes.length >= 2 && head.bytes[0] === 0x1f && head.bytes[1] === 0x8b;
    // zlib holds its input until it has inflated it: hand it copies of borrowed chunks.
    decoded = gzip ? new PeekableChunks(gunzip(borrowed ? copies(raw.rest()) : raw.rest(), options)) : raw;

    const { bytes: sample, complete } = await decoded.peek(SNIFF_BYTES);
    if (sample.length === 0) throw emptyError();
    const det = detect(sample, complete);
    if (complete && sample.length <= det.bom) throw emptyError(); // a BOM and nothing else

    const info: DecodedInfo = { encoding: det.encoding, gzip, bom: det.bom > 0 };
    onInfo?.({ ...info });

    const transcoder: Transcoder | null =
      det.encoding === 'utf-16le'
        ? new Utf16Transcoder(true)
        : det.encoding === 'utf-16be'
          ? new Utf16Transcoder(false)
          : det.encoding === 'shift_jis'
            ? new ShiftJisTranscoder()
            : det.asciiSoFar
              ? new AsciiWatchTranscoder((encoding) => onInfo?.({ ...info, encoding }))
              : null;

    const out = new Coalescer(borrowed);
    let skip = det.bom;
    for await (let chunk of decoded.rest()) {
      if (skip > 0) {
        const n = Math.min(skip, chunk.length);
        chunk = chunk.subarray(n);
        skip -= n;
        if (chunk.length === 0) continue;
      }
      for (let off = 0; off < chunk.length; off += MAX_PIECE) {
        const piece = chunk.length <= MAX_PIECE ? chunk : chunk.subarray(off, off + MAX_PIECE);
        const t = transcoder ? transcoder.push(piece) : piece;
        if (t && t.length > 0) yield* out.push(t);
      }
    }
    const last = transcoder?.end();
    if (last && last.length > 0) yield* out.push(last);
    yield* out.flush();
  } finally {
    await decoded?.close();
    await raw.close();
  }
}

/** For small in-memory inputs: the whole input decoded to one UTF-8 Buffer. */
export async function decodeBufferToUtf8(
  buf: Uint8Array,
  options: DecodeOptions,
  onInfo?: (info: DecodedInfo) => void,
): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of decodeToUtf8([buf], options, onInfo)) parts.push(chunk);
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}

/** A file as a byte stream, read in `readSize` chunks (1 MiB by default); with `reuse`, into one buffer (see `borrowed`). */
export async function* fileChunks(path: string, options: { readSize?: number; reuse?: boolean } = {}): AsyncGenerator<Buffer> {
  const size = options.readSize ?? 1024 * 1024;
  const handle = await open(path, 'r');
  try {
    let buf = Buffer.allocUnsafe(size);
    for (;;) {
      const { bytesRead } = await handle.read(buf, 0, size, null);
      if (bytesRead === 0) return;
      yield buf.subarray(0, bytesRead);
      // Reused: valid until the next chunk is requested (decode with `borrowed`). Else each read gets its own.
      if (!options.reuse) buf = Buffer.allocUnsafe(size);
    }
  } finally {
    await handle.close();
  }
}

async function* copies(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  for await (const c of chunks) yield Buffer.from(c);
}
