import type { Logger } from '../../log.js';
import type { AckGate } from './ack-gate.js';

/** Tasks run at once: enough to overlap Slack round trips, few enough that pending acks still get the CPU. */
const CONCURRENCY = 4;
/** How long work waits for Slack's pending acks at most: a steady stream of requests must not starve it. */
const MAX_ACK_WAIT_MS = 200;

/**
 * The one place Slack work is started after the listener returns: a few tasks at a time, each on a later turn of the
 * event loop (setImmediate). With processBeforeResponse, Bolt answers Slack only once the listener's promise settles,
 * and a scan runs without real I/O up to its reply; started at once, a burst of pastes would run every scan before the
 * first ack went out. One at a time per slot, the pending acks (network I/O) get the event loop between tasks.
 * With a gate, a task also waits until no request (HTTP) or envelope (Socket Mode) is waiting for its ack: acks go
 * out first.
 * Tracked so that a graceful stop can wait for them; a failure is logged, never left unhandled.
 */
export class Pump {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly queue: { what: string; fn: () => Promise<unknown> }[] = [];
  private running = 0;

  constructor(
    private readonly logger: Logger,
    private readonly gate?: Pick<AckGate, 'whenClear'>,
  ) {}

  run(what: string, fn: () => Promise<unknown>): void {
    this.queue.push({ what, fn });
    this.next();
  }

  private next(): void {
    while (this.running < CONCURRENCY && this.queue.length > 0) {
      const { what, fn } = this.queue.shift()!;
      this.running++;
      const task = new Promise<void>((r) => setImmediate(r))
        .then(() => this.gate?.whenClear(MAX_ACK_WAIT_MS))
        .then(fn)
        .then(
          () => undefined,
          (err: unknown) => this.logger.error({ err, what }, 'background work failed'),
        )
        .finally(() => {
          this.running--;
          this.next();
        });
      this.inFlight.add(task);
      void task.finally(() => this.inFlight.delete(task));
    }
  }

  /** Waits until nothing is queued or running (a graceful stop; tests). */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0 || this.queue.length > 0) await Promise.allSettled([...this.inFlight]);
  }
}
