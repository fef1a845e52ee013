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
 * A path's cost is the median of its last three reports (the larger of the
 * first two until there are three): a frame the worker was descheduled in
 * the middle of reads as a slow one, and on this VM that happens often
 * enough that one such frame should not stop the packing; two in a row do.
 * A path whose first call was slow (an import) is cheap from its third report.
 * The table is bounded: past `maxPaths` the oldest path is forgotten.
 */
export class CallCosts {
  /** Path → its last reports (oldest first, at most three) and their median, which every call reads. */
  readonly #paths = new Map<string, { readonly reports: number[]; micros: number }>();

  /**
   * @param cheapMicros a path whose calls cost at most this (µs) is cheap; 0 never.
   * @param maxPaths paths remembered at most.
   */
  constructor(readonly cheapMicros: number, private readonly maxPaths = 512) {}

  /** A worker ran calls of `target` in `microsPerCall` µs each (a transport's onRunTime). */
  readonly observe = (target: string, microsPerCall: number): void => {
    const path = this.#paths.get(target);
    if (!path) {
      if (this.#paths.size >= this.maxPaths) this.#paths.delete(this.#paths.keys().next().value as string);
      this.#paths.set(target, { reports: [microsPerCall], micros: microsPerCall });
      return;
    }
    if (path.reports.length === 3) path.reports.shift();
    path.reports.push(microsPerCall);
    path.micros = medianOfUpToThree(path.reports);
  };

  /** Calls of `target` are known to cost at most `cheapMicros`. */
  cheap(target: string): boolean {
    const micros = this.#paths.get(target)?.micros;
    return micros !== undefined && micros <= this.cheapMicros;
  }

  /** What a call of `target` costs, µs: the median of its last three reports (diagnostics, tests). */
  estimate(target: string): number | undefined {
    return this.#paths.get(target)?.micros;
  }
}

/** The median of three reports; of two, the larger (both must say "cheap"). */
function medianOfUpToThree(reports: readonly number[]): number {
  const [first = 0, second = first, third] = reports;
  if (third === undefined) return Math.max(first, second);
  return Math.max(Math.min(first, second), Math.min(Math.max(first, second), third));
}
