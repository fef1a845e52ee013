import type { CallContext } from "../wire/python-error-mapping.js";

/**
 * Turns one ServerFrame's `run_micros` (how long the worker ran the calls
 * whose replies the frame carries, summed) into a run time per call of each
 * path, for a scheduler that packs cheap calls onto one worker
 * (port-python call-costs.ts).
 *
 * A frame of one path gives that path's mean: the frame's time over its
 * calls (a MAP call counts as its members). A frame of several paths cannot
 * say which call took the time, so each of its paths is told the whole
 * frame's time — an upper bound of each call's, which errs towards "costly":
 * a scheduler then spreads those calls, as it would with no report at all.
 */
export class RunTimeReport {
  #target: string | undefined;
  #calls = 0;
  #others: Set<string> | undefined;

  constructor(
    private readonly runMicros: number,
    private readonly observe: (target: string, microsPerCall: number) => void,
  ) {}

  /** The reply of a call (or of a MAP call standing for `context.calls` calls) is in the frame. */
  add(context: CallContext): void {
    this.#calls += context.calls ?? 1;
    if (this.#target === undefined) this.#target = context.target;
    else if (context.target !== this.#target) (this.#others ??= new Set()).add(context.target);
  }

  /** Tells `observe` each path's run time per call. */
  tell(): void {
    if (this.#target === undefined) return;
    if (!this.#others) {
      this.observe(this.#target, this.runMicros / this.#calls);
      return;
    }
    this.observe(this.#target, this.runMicros);
    for (const target of this.#others) this.observe(target, this.runMicros);
  }
}
