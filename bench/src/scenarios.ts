import { elapsedUs, now, round, summarize, type LatencySummary } from "./stats.js";

/** Anything that can make one call: the raw baseline or a Snakepit transport. */
export type Caller = (target: string, args: unknown[]) => Promise<unknown>;

/** p50/p90/p99 of calls made strictly one after another. */
export async function sequentialLatency(call: Caller, target: string, args: unknown[], count: number, warmup = 200): Promise<LatencySummary> {
  for (let index = 0; index < warmup; index++) await call(target, args);
  const samples: number[] = [];
  for (let index = 0; index < count; index++) {
    const start = now();
    await call(target, args);
    samples.push(elapsedUs(start));
  }
  return summarize(samples);
}

/** Calls per second with `concurrency` calls kept in flight. */
export async function throughput(call: Caller, target: string, args: unknown[], total: number, concurrency: number): Promise<number> {
  await Promise.all(Array.from({ length: concurrency }, () => call(target, args)));
  let issued = 0;
  const start = now();
  const lane = async () => {
    while (issued < total) {
      issued++;
      await call(target, args);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return round(total / (elapsedUs(start) / 1e6), 0);
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
