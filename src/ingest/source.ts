/**
 * ingest/source — byte sources: files read into one reused buffer, raw reading with a cap, peeking at the first
 * bytes. Buffer borrowing (a source that reuses its buffer) is known only here and in decode: a source made by
 * `fileChunks` is marked, and the decoder copies what it keeps. Callers just pass the source on.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { toInputError, tooLarge, type LimitOptions } from './errors.js';

export type ByteSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/** Sources whose chunks are valid only until the next one is requested. */
const borrowedSources = new WeakSet<object>();

export function isBorrowed(source: ByteSource): boolean {
  return borrowedSources.has(source);
}

function markBorrowed<T extends object>(source: T): T {
  borrowedSources.add(source);
  return source;
}

/**
 * A file as a byte stream, read in `readSize` chunks (1 MiB by default) into ONE reused buffer: no fresh buffer
 * (page faults, GC) per read on large files. Hand it to `decodeToUtf8`, which knows; `reuse: false` gives each
 * chunk its own buffer (for a caller that keeps chunks).
 *
 * Read synchronously: a local file's read returns as soon as the page cache has it, where an asynchronous one waits
 * for a thread-pool round trip each time — a fifth of a 200 MiB scan was the process idle. Only the CLI
 * reads files; the bot's event loop reads Slack's downloads, never this.
 */
export function fileChunks(path: string, options: { readSize?: number; reuse?: boolean; start?: number; end?: number } = {}): Generator<Buffer> {
  const reuse = options.reuse ?? true;
  const gen = readFile(path, options.readSize ?? 1024 * 1024, reuse, options.start, options.end ?? Infinity);
  return reuse ? markBorrowed(gen) : gen;
}

/**
 * Bytes [start, end) of the file (to its end if it is shorter). Without a start, read where the file is (a pipe or
 * a device, such as /dev/stdin, cannot be read at a position).
 */
function* readFile(path: string, size: number, reuse: boolean, start: number | undefined, end: number): Generator<Buffer> {
  const fd = openSync(path, 'r');
  try {
    let buf = Buffer.allocUnsafe(Math.min(size, Math.max(1, end - (start ?? 0))));
    for (let at = start ?? 0; at < end; ) {
      const bytesRead = readSync(fd, buf, 0, Math.min(buf.length, end - at), start === undefined ? null : at);
      if (bytesRead === 0) return;
      at += bytesRead;
      yield buf.subarray(0, bytesRead);
      if (!reuse) buf = Buffer.allocUnsafe(buf.length);
    }
  } finally {
    closeSync(fd);
  }
}

function asBuffer(chunk: Uint8Array | string): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  if (Buffer.isBuffer(chunk)) return chunk;
  return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength); // a view, no copy
}

/** Source → Buffers, counting raw bytes (too-large as soon as the cap is passed) and mapping read errors. */
export async function* readRaw(source: ByteSource, limit: LimitOptions): AsyncGenerator<Buffer> {
  let total = 0;
  try {
    for await (const chunk of source as AsyncIterable<Uint8Array | string>) {
      const buf = asBuffer(chunk);
      if (buf.length === 0) continue;
      total += buf.length;
      if (total > limit.maxBytes) throw tooLarge(limit, false);
      yield buf;
    }
  } catch (e) {
    throw toInputError(e);
  }
}

/** The whole source in one Buffer (for formats that need it all, like ZIP's directory at the end), capped. */
export async function readAll(source: Uint8Array | ByteSource, limit: LimitOptions): Promise<Buffer> {
  if (source instanceof Uint8Array) {
    if (source.length > limit.maxBytes) throw tooLarge(limit, false);
    return asBuffer(source);
  }
  const parts: Buffer[] = [];
  const copy = isBorrowed(source);
  for await (const b of readRaw(source as ByteSource, limit)) parts.push(copy ? Buffer.from(b) : b);
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}

export async function* copies(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  for await (const c of chunks) yield Buffer.from(c);
}

/** A chunk stream that can be peeked at (the first N bytes) and then consumed in full. */
export class PeekableChunks {
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

  /** Everything, peeked bytes first; borrowed like the source it reads (see `isBorrowed`). */
  rest(): AsyncGenerator<Buffer> {
    const gen = this.drain();
    return this.copyHeld ? markBorrowed(gen) : gen;
  }

  private async *drain(): AsyncGenerator<Buffer> {
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
      await this.close();
    }
  }

  async close(): Promise<void> {
    if (!this.done) {
      this.done = true;
      await this.it.return?.(undefined);
    }
  }
}
