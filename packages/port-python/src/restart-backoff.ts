/**
 * Delay before restarting a crashed worker: immediate for a worker that ran
 * a while, doubling for one that keeps dying at start (a broken environment
 * should not become a fork bomb), capped at 5 s.
 */
export class RestartBackoff {
  #delay = 0;

  /** Delay for the next restart, given how long the dead worker lived. */
  next(livedMs: number): number {
    this.#delay = livedMs > 5_000 ? 0 : Math.min(5_000, Math.max(50, this.#delay * 2));
    return this.#delay;
  }

  succeeded(): void {
    // Keep the delay until a worker proves healthy by living past 5 s (see next()).
  }
}
