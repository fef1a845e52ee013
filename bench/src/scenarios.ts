import { elapsedUs, now, round, summarize, type LatencySummary } from "./stats.js";

/** Anything that can make one call: the raw baseline or a Snakepit transport. */
export type Caller = (target: string, args: unknown[]) => Promise<unknown>;

/** p50/p90/p99 of calls made strictly one after another. */
export async function sequentialLatency(call: Caller, target: string, args: unknown[], count: number, warmup = 200): Promise<LatencySummary> {
  for (let index = 0; index < warmup; index++) await call(target, args);
  const samples: number[] = [];
  await timeEach(() => call(target, args), count, samples);
  return summarize(samples);
}

/** Runs `work` `count` times one after another, pushing each duration (µs) to `into`. */
export async function timeEach(work: () => Promise<unknown>, count: number, into: number[]): Promise<void> {
  for (let index = 0; index < count; index++) {
    const start = now();
    await work();
    into.push(elapsedUs(start));
  }
}

/**
 * Calls per second with `concurrency` calls kept in flight, in steady state:
 * a warm-up pass of the same shape (up to 10,000 calls) runs first, for the
 * raw baseline and for Snakepit alike. Without it the first pass measures
 * V8 compiling the concurrent path (queueing, frame batching), which a
 * sequential warm-up never exercises: in a probe, back-to-back passes of
 * 30,000 calls went 49k → 60–87k calls/s.
 */
export async function throughput(call: Caller, target: string, args: unknown[], total: number, concurrency: number): Promise<number> {
  await keepInFlight(call, target, args, Math.min(total, 10_000), concurrency);
  const start = now();
  await keepInFlight(call, target, args, total, concurrency);
  return round(total / (elapsedUs(start) / 1e6), 0);
}

/** Makes `total` calls with `concurrency` of them in flight at any time. */
async function keepInFlight(call: Caller, target: string, args: unknown[], total: number, concurrency: number): Promise<void> {
  let issued = 0;
  const lane = async () => {
    while (issued < total) {
      issued++;
      await call(target, args);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
}

/** Median wall time of `runs` runs of `work`, in microseconds. */
export async function medianTime(work: () => Promise<unknown>, runs: number, warmup = 2): Promise<number> {
  for (let index = 0; index < warmup; index++) await work();
  const samples: number[] = [];
  for (let index = 0; index < runs; index++) {
    const start = now();
    await work();
    samples.push(elapsedUs(start));
  }
  return summarize(samples).p50Us;
}
