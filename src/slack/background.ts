import type { Logger } from '../log.js';

/** Tasks run at once: enough to overlap Slack round trips, few enough that pending acks still get the CPU. */
const CONCURRENCY = 4;

/**
 * Work started after Slack's ack (slash commands, modal submissions): queued, started a few at a time on later turns
 * of the event loop so that a burst of commands cannot hold back the acks of the requests behind it; tracked so that
 * a graceful stop can wait for it; never left unhandled.
 */
export class Background {
  private readonly tasks = new Set<Promise<void>>();
  private readonly queue: { what: string; fn: () => Promise<unknown> }[] = [];
  private running = 0;

  constructor(private readonly logger: Logger) {}

  run(what: string, fn: () => Promise<unknown>): void {
    this.queue.push({ what, fn });
    this.pump();
  }

  private pump(): void {
    while (this.running < CONCURRENCY && this.queue.length > 0) {
      const { what, fn } = this.queue.shift()!;
      this.running++;
      const p = new Promise<void>((r) => setImmediate(r))
        .then(fn)
        .then(
          () => undefined,
          (err: unknown) => this.logger.error({ err, what }, 'background work failed'),
        )
        .finally(() => {
          this.running--;
          this.pump();
        });
      this.tasks.add(p);
      void p.finally(() => this.tasks.delete(p));
    }
  }

  async drain(): Promise<void> {
    while (this.tasks.size > 0 || this.queue.length > 0) await Promise.allSettled([...this.tasks]);
  }
}
