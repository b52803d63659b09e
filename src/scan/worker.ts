/**
 * The scan thread: bytes → ingest → scan, for the inputs the runner (./runner.ts) hands off so that a large paste or
 * upload never holds the event loop that acks Slack. Pure core only: src/detect and src/ingest (boundary-checked).
 *
 * Messages in: { id, type: 'start', options } · { id, type: 'chunk', chunk } · { id, type: 'end' } · { id, type: 'abort' };
 * or { id, type: 'file', options, file: { path, start, end } }: a part of a local file, read here (src/scan/split.ts).
 * Messages out: { id, type: 'info', info } · { id, type: 'done', scan } · { id, type: 'error', error }.
 * Jobs interleave: each waits on its own chunk queue, so one slow download never blocks the others' scans.
 */
import { parentPort } from 'node:worker_threads';
import { scanChunks } from '../detect/scanner.js';
import { decodeToUtf8, fileChunks, type ByteSource, type DecodeOptions } from '../ingest/decode.js';
import { InputError } from '../ingest/errors.js';

/** Chunks as they arrive from the main thread, read by one job's decode → scan. */
class ChunkQueue implements AsyncIterable<Uint8Array> {
  private readonly chunks: Uint8Array[] = [];
  private ended = false;
  private aborted = false;
  private wake: (() => void) | null = null;

  push(chunk: Uint8Array): void {
    this.chunks.push(chunk);
    this.notify();
  }

  end(abort = false): void {
    this.ended = true;
    this.aborted = abort;
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    for (;;) {
      if (this.aborted) throw new Error('aborted');
      const chunk = this.chunks.shift();
      if (chunk) yield chunk;
      else if (this.ended) return;
      else await new Promise<void>((r) => (this.wake = r));
    }
  }
}

type Incoming =
  | { id: number; type: 'start'; options: DecodeOptions }
  | { id: number; type: 'chunk'; chunk: Uint8Array }
  | { id: number; type: 'end' | 'abort' }
  | { id: number; type: 'file'; options: DecodeOptions; file: { path: string; start: number; end: number } };

const port = parentPort;
if (!port) throw new Error('src/scan/worker.js runs as a worker thread');
const jobs = new Map<number, ChunkQueue>();

port.on('message', (m: Incoming) => {
  if (m.type === 'start') {
    const queue = new ChunkQueue();
    jobs.set(m.id, queue);
    void run(m.id, queue, m.options);
  } else if (m.type === 'file') void run(m.id, fileChunks(m.file.path, { start: m.file.start, end: m.file.end }), m.options);
  else if (m.type === 'chunk') jobs.get(m.id)?.push(m.chunk);
  else jobs.get(m.id)?.end(m.type === 'abort');
});

async function run(id: number, source: ByteSource, options: DecodeOptions): Promise<void> {
  try {
    const scan = await scanChunks(decodeToUtf8(source, options, (info) => port!.postMessage({ id, type: 'info', info })));
    port!.postMessage({ id, type: 'done', scan });
  } catch (e) {
    const error = e instanceof InputError ? { problem: e.problem, message: e.message } : { message: e instanceof Error ? e.message : String(e) };
    port!.postMessage({ id, type: 'error', error });
  } finally {
    jobs.delete(id);
  }
}
