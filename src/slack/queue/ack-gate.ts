/**
 * Requests Slack is still waiting on. Work yields to them: in a burst of pastes, every ack goes out before the first
 * scan starts (issue 13). One event loop serves both, so a scan started while fifty requests wait delays all fifty;
 * the work itself loses nothing by starting a few milliseconds later.
 */
export class AckGate {
  private waiting = 0;
  private readonly clear: (() => void)[] = [];

  /** A request arrived (counted until its response is sent or its connection closes). */
  enter(): () => void {
    this.waiting++;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      if (--this.waiting === 0) for (const resolve of this.clear.splice(0)) resolve();
    };
  }

  get pending(): number {
    return this.waiting;
  }

  /**
   * Resolves once no request is waiting, or after `maxWaitMs` whatever happens: under a steady stream of requests the
   * work must still move.
   */
  whenClear(maxWaitMs: number): Promise<void> {
    if (this.waiting === 0) return Promise.resolve();
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
