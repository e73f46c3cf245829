/**
 * A wake-up one loop can sleep on: `wake()` ends the current or the next `sleep`, so a
 * notification that arrives while the loop is busy is not lost.
 */
export class WakeSignal {
  private pending = false;
  private waiter: (() => void) | undefined;

  wake(): void {
    this.pending = true;
    this.waiter?.();
  }

  /** Forgets earlier wake-ups; call before looking for work. */
  clear(): void {
    this.pending = false;
  }

  /** Resolves after `ms`, or at once when woken since the last `clear`. */
  sleep(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.waiter === done) this.waiter = undefined;
        this.pending = false;
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      this.waiter = done;
    });
  }
}
