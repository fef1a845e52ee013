/** Latency samples in microseconds → the figures the bench reports. */
export interface LatencySummary {
  readonly p50Us: number;
  readonly p90Us: number;
  readonly p99Us: number;
  readonly samples: number;
}

export function summarize(samplesUs: number[]): LatencySummary {
  const sorted = [...samplesUs].sort((a, b) => a - b);
  const at = (quantile: number) => sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] ?? Number.NaN;
  return { p50Us: round(at(0.5)), p90Us: round(at(0.9)), p99Us: round(at(0.99)), samples: sorted.length };
}

export function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** Microseconds since an origin taken with `now()`. */
export function now(): bigint {
  return process.hrtime.bigint();
}

export function elapsedUs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1_000;
}
