import type { Logger } from '../log.js';

/** Work started after Slack's ack: tracked so that a graceful stop can wait for it, and never left unhandled. */
export class Background {
  private readonly tasks = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  run(what: string, fn: () => Promise<unknown>): void {
    // setImmediate: the work starts after Slack's ack is written (see SlackInbox.kick); a synchronous throw is caught too.
    const p = new Promise<void>((r) => setImmediate(r)).then(fn).then(
      () => undefined,
      (err: unknown) => this.logger.error({ err, what }, 'background work failed'),
    );
    this.tasks.add(p);
    void p.finally(() => this.tasks.delete(p));
  }

  async drain(): Promise<void> {
    while (this.tasks.size > 0) await Promise.allSettled([...this.tasks]);
  }
}
