import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * WAL checkpoints on a thread of their own, over its own connection to the file. A checkpoint is two fsyncs: 40–60 ms
 * on the 2-core machine, during which the event loop that acks Slack held every request that arrived (a
 * checkpoint inside a burst of 50 pastes put its whole length on their acks). A PASSIVE checkpoint from another
 * connection is how SQLite means it to run: it copies what no reader still needs and never blocks a writer.
 *
 * The thread is a few lines of plain JavaScript (eval): it only opens the file and runs the pragma, so it needs no
 * build step of its own and runs the same under the tests (TypeScript sources) and from dist.
 */
const THREAD_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.path, { fileMustExist: true });
} catch (e) {
  // A SqliteError reaches the parent as its own fields only ({ code }): a plain Error keeps the message.
  throw new Error('the checkpoint thread could not open ' + workerData.path + ': ' + ((e && e.message) || e));
}
db.pragma('busy_timeout = 5000');
parentPort.on('message', (m) => {
  if (m.type === 'checkpoint') {
    try {
      const [r] = db.pragma('wal_checkpoint(PASSIVE)');
      parentPort.postMessage({ ok: true, log: r.log, checkpointed: r.checkpointed });
    } catch (e) {
      parentPort.postMessage({ ok: false, message: String((e && e.message) || e) });
    }
  } else if (m.type === 'close') {
    try { db.close(); } finally { Atomics.store(m.closed, 0, 1); Atomics.notify(m.closed, 0); }
  }
});
`;

/** How long close() waits for a checkpoint in progress to end before it gives up on the thread. */
const CLOSE_WAIT_MS = 10_000;

export class CheckpointThread {
  private readonly worker: Worker;
  /** A checkpoint is running on the thread; `again` says another was asked for meanwhile (they coalesce). */
  private running = false;
  private again = false;
  /** Resolved when the running checkpoint ends. */
  private waiters: (() => void)[] = [];
  /** Asked for while one ran (it may have copied less than they need): resolved when the next one ends. */
  private nextWaiters: (() => void)[] = [];
  private closed = false;

  constructor(
    path: string,
    private readonly onError: (err: Error) => void,
  ) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(THREAD_CODE, { eval: true, workerData: { path, driver }, resourceLimits: { maxYoungGenerationSizeMb: 1 } });
    this.worker.unref(); // never what keeps a process alive
    this.worker.on('message', (m: { ok: boolean; message?: string }) => this.ended(m.ok ? null : new Error(m.message)));
    this.worker.on('error', (e) => this.lost(e));
    this.worker.on('exit', () => this.lost(null));
  }

  /** False once the thread is gone (closed, or failed: the Store then checkpoints on its own connection again). */
  get usable(): boolean {
    return !this.closed;
  }

  private lost(err: unknown): void {
    if (this.closed) return;
    this.closed = true;
    if (err) this.onError(err instanceof Error ? err : new Error(`the checkpoint thread failed: ${JSON.stringify(err)}`));
    this.release(this.waiters.splice(0).concat(this.nextWaiters.splice(0)));
  }

  /** Asks for a checkpoint; resolves once one that started after this call has ended (or failed: onError has it). */
  checkpoint(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      if (this.running) {
        this.again = true;
        this.nextWaiters.push(resolve);
        return;
      }
      this.waiters.push(resolve);
      this.start();
    });
  }

  private start(): void {
    this.running = true;
    this.worker.ref(); // a checkpoint in progress finishes before a natural exit
    this.worker.postMessage({ type: 'checkpoint' });
  }

  private ended(err: Error | null): void {
    this.running = false;
    this.worker.unref();
    if (err) this.onError(err);
    this.release(this.waiters.splice(0));
    if (this.again && !this.closed) {
      this.again = false;
      this.waiters = this.nextWaiters;
      this.nextWaiters = [];
      this.start();
    }
  }

  private release(resolvers: (() => void)[]): void {
    for (const resolve of resolvers) resolve();
  }

  /**
   * Closes the thread's connection before the caller closes its own, synchronously (Store.close is): SQLite
   * checkpoints and removes the WAL only when the last connection to the file closes.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const closed = new Int32Array(new SharedArrayBuffer(4));
    this.worker.postMessage({ type: 'close', closed });
    Atomics.wait(closed, 0, 0, CLOSE_WAIT_MS);
    void this.worker.terminate();
    this.release(this.waiters.splice(0).concat(this.nextWaiters.splice(0)));
  }
}
