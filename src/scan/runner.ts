/**
 * Where an input's bytes → ingest → scan runs. Inline on the calling thread for the CLI and for small inputs; on the
 * scan thread (./worker.ts) for large ones in the bot, so a burst of whole-log pastes or big uploads never holds the
 * event loop that acks Slack, and for one part of a very large local file in the CLI (./split.ts). The
 * bot's choice is made on the bytes: the first OFF_THREAD_BYTES are read first; a source that ends before them is
 * scanned inline (handing 2 KB to a thread costs more than scanning it), unless it is a gzip.
 *
 * One scan thread, started on first use and kept (starting one costs ~30–60 ms of module loading, more than most
 * scans): on 2 cores one thread for the scans and one for the event loop is the split that keeps acks fast. It is
 * unref'd, so it never keeps a process alive; jobs interleave in it (see the worker).
 */
import { existsSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { scanChunks } from '../detect/scanner.js';
import type { ScanResult } from '../detect/types.js';
import { decodeToUtf8, InputError, type DecodedInfo, type DecodeOptions, type InputProblem } from '../ingest/decode.js';
import { isGzip } from '../ingest/sniff.js';
import { isBorrowed, type ByteSource } from '../ingest/source.js';

/** Decodes and scans one input; throws InputError for input it refuses, and whatever the source throws. */
export type ScanRunner = (source: ByteSource, options: DecodeOptions, onInfo?: (info: DecodedInfo) => void) => Promise<ScanResult>;

export const scanInline: ScanRunner = (source, options, onInfo) => scanChunks(decodeToUtf8(source, options, onInfo));

/**
 * Inputs of at least this many bytes go to the scan thread. Measured on the 2-core machine under load: a 40 KB paste
 * (Slack's cap is 40,000 characters) scans inline in ~0.7 ms, the round trip through the thread takes ~5 ms, and the
 * burst bench (bench/slack.mjs, 50 whole-log pastes) was no better with them on the thread (16 KiB) than inline
 * (64 KiB). So pastes stay inline, uploads above this go to the thread (1 MiB inline: ~19 ms of a held loop).
 * The count is of the bytes as received; a gzip goes to the thread whatever its size.
 */
export const OFF_THREAD_BYTES = 64 * 1024;

/** Large inputs on the scan thread, small ones inline (see the module comment). */
export const scanOffThread: ScanRunner = async (source, options, onInfo) => {
  const copy = isBorrowed(source);
  const it = (Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]()) as AsyncIterator<Uint8Array> | Iterator<Uint8Array>;
  const head: Uint8Array[] = [];
  let bytes = 0;
  let done = false;
  while (bytes < OFF_THREAD_BYTES) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    head.push(copy ? Uint8Array.prototype.slice.call(r.value) : r.value);
    bytes += r.value.length;
  }
  // A gzip's size says little about its text (a 60 KB upload can inflate to megabytes): it always goes to the thread.
  const gzip = head.length > 0 && isGzip(head[0]!);
  const thread = done && !gzip ? null : await scanThread();
  if (!thread) return scanInline(done ? head : concatSources(head, it), { ...options, borrowed: false }, onInfo);
  return thread.scan(head, done ? null : it, options, onInfo);
};

async function* concatSources(head: Uint8Array[], it: AsyncIterator<Uint8Array> | Iterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield* head;
  for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
}

type Outgoing =
  | { id: number; type: 'info'; info: DecodedInfo }
  | { id: number; type: 'done'; scan: ScanResult }
  | { id: number; type: 'error'; error: { problem?: InputProblem; message: string } };

interface Job {
  resolve: (scan: ScanResult) => void;
  reject: (e: unknown) => void;
  onInfo?: (info: DecodedInfo) => void;
}

class ScanThread {
  private readonly worker: Worker;
  private readonly jobs = new Map<number, Job>();
  private nextId = 1;

  constructor(WorkerClass: typeof Worker, url: URL) {
    // A scan allocates lines and matches that die young: a small young generation keeps the thread's memory down
    // (~6 MiB less RSS on a 200 MiB log, at no measurable cost in time).
    this.worker = new WorkerClass(url, { resourceLimits: { maxYoungGenerationSizeMb: 4 } });
    this.worker.unref();
    this.worker.on('message', (m: Outgoing) => this.receive(m));
    // A crashed thread fails its jobs (with a stack-free message: the caller logs it) and is replaced on next use.
    this.worker.on('error', (e) => this.fail(e));
    this.worker.on('exit', (code) => this.fail(new Error(`scan thread exited (${code})`)));
  }

  async scan(
    head: Uint8Array[],
    rest: AsyncIterator<Uint8Array> | Iterator<Uint8Array> | null,
    options: DecodeOptions,
    onInfo?: (info: DecodedInfo) => void,
  ): Promise<ScanResult> {
    const { id, result } = this.startJob(onInfo);
    jobsOffThread++;
    this.worker.postMessage({ id, type: 'start', options: { ...options, borrowed: false } });
    let settled = false;
    void result.then(
      () => (settled = true),
      () => (settled = true),
    );
    try {
      for (const chunk of head) this.worker.postMessage({ id, type: 'chunk', chunk });
      // The rest streams as it arrives (a download); the thread scans while it does. Stop reading once it refused.
      if (rest) for (let r = await rest.next(); !r.done && !settled; r = await rest.next()) this.worker.postMessage({ id, type: 'chunk', chunk: r.value });
      this.worker.postMessage({ id, type: 'end' });
    } catch (e) {
      this.worker.postMessage({ id, type: 'abort' });
      this.settle(id);
      throw e; // the source's own error (a DownloadError), as the inline path throws it
    } finally {
      if (settled && rest) await rest.return?.();
    }
    return result;
  }

  /** A job's id and its result, registered; a job in flight keeps the process alive, like any other pending work. */
  private startJob(onInfo?: (info: DecodedInfo) => void): { id: number; result: Promise<ScanResult> } {
    const id = this.nextId++;
    const result = new Promise<ScanResult>((resolve, reject) => this.jobs.set(id, { resolve, reject, onInfo }));
    this.worker.ref();
    return { id, result };
  }

  /** Bytes [start, end) of a local file, read and scanned on the thread (see ./split.ts). */
  scanFile(file: { path: string; start: number; end: number }, options: DecodeOptions, onInfo?: (info: DecodedInfo) => void): Promise<ScanResult> {
    const { id, result } = this.startJob(onInfo);
    const { borrowed: _theirs, ...own } = options; // the thread's own file reader says whether it reuses its buffer
    this.worker.postMessage({ id, type: 'file', options: own, file });
    return result;
  }

  private receive(m: Outgoing): void {
    const job = this.jobs.get(m.id);
    if (!job) return;
    if (m.type === 'info') {
      job.onInfo?.(m.info);
      return;
    }
    this.settle(m.id);
    if (m.type === 'done') job.resolve(m.scan);
    else job.reject(m.error.problem ? new InputError(m.error.problem, m.error.message) : new Error(m.error.message));
  }

  private settle(id: number): void {
    this.jobs.delete(id);
    if (this.jobs.size === 0) this.worker.unref();
  }

  private fail(e: Error): void {
    if (thread === this) thread = null;
    for (const job of this.jobs.values()) job.reject(e);
    this.jobs.clear();
  }
}

let thread: ScanThread | null = null;
let jobsOffThread = 0;

/** Streamed inputs handed to the scan thread since start (the bot's tests tell the paths apart by it; not file parts). */
export function offThreadJobs(): number {
  return jobsOffThread;
}

/**
 * The scan thread, started on first use; null where no compiled worker exists (see workerUrl). node:worker_threads
 * is loaded here, not at start-up: the CLI, which uses it only to split a very large file, would pay ~5 ms for it on
 * every run.
 */
export async function scanThread(): Promise<ScanThread | null> {
  if (thread) return thread;
  const url = workerUrl();
  if (!url) return null;
  const { Worker } = await import('node:worker_threads');
  return (thread ??= new ScanThread(Worker, url));
}

/**
 * The compiled worker next to this module; under vitest the modules are the TypeScript sources, which a worker thread
 * cannot load, so it runs the build (npm test builds first, as for the CLI tests).
 */
function workerUrl(): URL | null {
  const here = new URL('./worker.js', import.meta.url);
  if (existsSync(here)) return here;
  const built = new URL('../../dist/src/scan/worker.js', import.meta.url);
  return existsSync(built) ? built : null;
}
