/**
 * Requests Slack is still waiting on. Work yields to them: in a burst of pastes, every ack goes out before the first
 * scan starts (Slack wants its ack within 3 s). One event loop serves both, so a scan started while fifty requests wait delays all fifty;
 * the work itself loses little by starting a few milliseconds later.
 *
 * "Clear" means no request has been waiting for LINGER_MS: a burst arrives as a stream (each request is read and
 * answered in turn), and between two of them the count touches zero; work started in that gap would hold the next.
 */
const LINGER_MS = 5;

export class AckGate {
  private waiting = 0;
  /** Runs LINGER_MS after the count fell to zero; the gate is clear once it has run. */
  private lingering: NodeJS.Timeout | undefined;
  private readonly clear: (() => void)[] = [];

  /** A request arrived; call the function returned when it is answered (counted once, however often it is called). */
  enter(): () => void {
    this.waiting++;
    clearTimeout(this.lingering);
    this.lingering = undefined;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      if (--this.waiting > 0) return;
      this.lingering = setTimeout(() => {
        this.lingering = undefined;
        for (const resolve of this.clear.splice(0)) resolve();
      }, LINGER_MS);
    };
  }

  get pending(): number {
    return this.waiting;
  }

  /**
   * Resolves once no request has been waiting for LINGER_MS, or after `maxWaitMs` whatever happens: under a steady
   * stream of requests the work must still move.
   */
  whenClear(maxWaitMs: number): Promise<void> {
    if (this.waiting === 0 && this.lingering === undefined) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        const at = this.clear.indexOf(done);
        if (at !== -1) this.clear.splice(at, 1); // a steady stream never clears: do not pile up waiters
        resolve();
      }, maxWaitMs);
      this.clear.push(done);
    });
  }
}
