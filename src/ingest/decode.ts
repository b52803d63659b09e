/**
 * ingest/decode — any input bytes → a stream of UTF-8 `Buffer` chunks (the one entry point; the parts live in
 * sniff / transcode / gzip / tail / source / errors).
 *
 * - gzip (by its magic bytes) is decompressed in a stream, capped like the raw input (gzip bombs);
 * - UTF-8 (BOM stripped), UTF-16LE/BE and Shift_JIS (CP932) are detected from the first bytes and transcoded;
 * - binary junk (images, archives, executables, random bytes) is refused before anything is scanned;
 * - memory stays flat: nothing ever holds the whole input, and plain UTF-8 passes through uncopied;
 * - with `tail`, input over the cap is not refused: its last `maxBytes` (from a line start) are read instead.
 *
 * Every failure is an `InputError` with a user-facing English message; raw zlib / fs errors never escape.
 */
import { emptyError, type LimitOptions } from './errors.js';
import { gunzip } from './gzip.js';
import { SNIFF_BYTES, detect, isGzip, type DecodedEncoding } from './sniff.js';
import { PeekableChunks, copies, isBorrowed, readRaw, type ByteSource } from './source.js';
import { TailWindow, type TailInfo } from './tail.js';
import { Coalescer, transcoderFor } from './transcode.js';

export { InputError, formatBytes, WEVTUTIL_EXPORT, type ArchiveRefusal, type InputProblem } from './errors.js';
export { fileChunks, type ByteSource } from './source.js';
export type { DecodedEncoding } from './sniff.js';
export type { TailInfo } from './tail.js';

export interface DecodeOptions extends LimitOptions {
  /**
   * Over `maxBytes`, read the most recent part instead of refusing: the last `maxBytes` of the decoded text, from
   * a line start. What was skipped is reported through `onInfo` (`DecodedInfo.tail`). The input is still read to
   * its end, up to `maxReadBytes` (raw and decompressed; default max(8 × maxBytes, 1 GiB)).
   */
  tail?: boolean;
  maxReadBytes?: number;
  /**
   * The source reuses its buffer (each chunk valid only until the next is requested). Sources made by
   * `fileChunks` say so themselves; this is for other such sources. The chunks yielded are then valid only until
   * the next one is requested too.
   */
  borrowed?: boolean;
}

export interface DecodedInfo {
  encoding: DecodedEncoding;
  gzip: boolean;
  /** A byte-order mark was found (and stripped). */
  bom: boolean;
  /** Only with `tail`, once, when part of the input was skipped: what was read. */
  tail?: TailInfo;
}

/** Source chunks larger than this are sliced (without copying) before transcoding / yielding. */
const MAX_PIECE = 1024 * 1024;

/** How far a tail read goes through an input over the cap (raw and decompressed) before refusing it. */
export function tailReadLimit(maxBytes: number): number {
  return Math.max(8 * maxBytes, 1024 ** 3);
}

function readLimit(options: DecodeOptions): LimitOptions {
  if (!options.tail) return options;
  return { maxBytes: options.maxReadBytes ?? tailReadLimit(options.maxBytes), limitName: 'the most a log is read to its end' };
}

/**
 * Yields UTF-8 chunks: ≥ 256 KiB each except possibly the last, and at most ~1.5 MiB (source chunks are
 * sliced to ≤ 1 MiB; transcoding CJK text to UTF-8 grows it by up to 1.5×).
 * Throws InputError — a clear, user-facing English message naming the limit or problem — never a raw
 * zlib / Node error. `onInfo` is called once before the first chunk, and again if a later part of a
 * plain-ASCII start turns out to be Shift_JIS (or neither UTF-8 nor Shift_JIS), or a tail was read.
 * Line endings are left as they are (CRLF stays CRLF).
 */
export async function* decodeToUtf8(source: ByteSource, options: DecodeOptions, onInfo?: (info: DecodedInfo) => void): AsyncGenerator<Buffer> {
  const borrowed = options.borrowed ?? isBorrowed(source);
  const limit = readLimit(options);
  const raw = new PeekableChunks(readRaw(source, limit), borrowed);
  let decoded: PeekableChunks | null = null;
  try {
    const head = await raw.peek(2);
    if (head.bytes.length === 0) throw emptyError();
    const gzip = isGzip(head.bytes);
    // zlib holds its input until it has inflated it: hand it copies of borrowed chunks.
    decoded = gzip ? new PeekableChunks(gunzip(borrowed ? copies(raw.rest()) : raw.rest(), limit)) : raw;

    const { bytes: sample, complete } = await decoded.peek(SNIFF_BYTES);
    if (sample.length === 0) throw emptyError();
    const det = detect(sample, complete);
    if (complete && sample.length <= det.bom) throw emptyError(); // a BOM and nothing else

    const info: DecodedInfo = { encoding: det.encoding, gzip, bom: det.bom > 0 };
    onInfo?.({ ...info });
    const transcoder = transcoderFor(det.encoding, det.asciiSoFar, (encoding) => {
      info.encoding = encoding;
      onInfo?.({ ...info });
    });
    const outBorrowed = borrowed && !gzip;
    const out = new Coalescer(outBorrowed);
    const window = options.tail ? new TailWindow(options.maxBytes, outBorrowed) : null;

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
        if (!t || t.length === 0) continue;
        if (window) for (const b of out.push(t)) window.push(b);
        else yield* out.push(t);
      }
    }
    const last = transcoder?.end();
    const rest = [...(last && last.length > 0 ? out.push(last) : []), ...out.flush()];
    if (!window) {
      yield* rest;
      return;
    }
    for (const b of rest) window.push(b);
    const { chunks, skipped } = window.finish();
    if (skipped) onInfo?.({ ...info, tail: skipped });
    yield* chunks;
  } finally {
    await decoded?.close();
    await raw.close();
  }
}
