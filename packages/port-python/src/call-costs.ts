/**
 * What each path costs the worker to run, µs per call, learned from the run
 * times workers report with their replies (ServerFrame.run_micros, told per
 * path by the transport: transport-grpc run-time-report.ts).
 *
 * Why: with many calls of a trivial function in flight, Node is the busy
 * side, and a good part of its time is the write that wakes a sleeping worker.
 * One worker that takes all of them and polls for the next frame instead of
 * sleeping measured 275k–351k calls/s against 210k–260k for two sleeping
 * workers sharing them (bench machine, 64 in flight). That pays only while
 * the one worker keeps up with Node — while a call costs it less than Node's
 * own work per call, a few µs — so only paths known to be that cheap are
 * packed; a path never seen, or seen to cost more, is spread by load as
 * before, so a `Promise.all` of heavy calls still uses every worker.
 *
 * A report above the current estimate replaces it at once (one slow call is
 * enough to stop packing a path); lower reports halve the distance, so a path
 * whose first call was slow (an import) becomes cheap after a few frames.
 * The table is bounded: past `maxPaths` the oldest path is forgotten.
 */
export class CallCosts {
  readonly #micros = new Map<string, number>();

  /**
   * @param cheapMicros a path whose calls cost at most this (µs) is cheap; 0 never.
   * @param maxPaths paths remembered at most.
   */
  constructor(readonly cheapMicros: number, private readonly maxPaths = 512) {}

  /** A worker ran calls of `target` in `microsPerCall` µs each (a transport's onRunTime). */
  readonly observe = (target: string, microsPerCall: number): void => {
    const known = this.#micros.get(target);
    if (known === undefined) {
      if (this.#micros.size >= this.maxPaths) this.#micros.delete(this.#micros.keys().next().value as string);
      this.#micros.set(target, microsPerCall);
    } else if (microsPerCall >= known) {
      this.#micros.set(target, microsPerCall);
    } else if (known - microsPerCall > 0.01) {
      this.#micros.set(target, (known + microsPerCall) / 2);
    }
  };

  /** Calls of `target` are known to cost at most `cheapMicros`. */
  cheap(target: string): boolean {
    const micros = this.#micros.get(target);
    return micros !== undefined && micros <= this.cheapMicros;
  }

  /** The current estimate for `target`, µs per call (diagnostics, tests). */
  estimate(target: string): number | undefined {
    return this.#micros.get(target);
  }
}
