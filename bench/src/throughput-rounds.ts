import { throughput, type Caller } from "./scenarios.js";

/** Medians, calls/s with 64 in flight, of the raw baseline (the better transport of each round), plain calls and coalesced calls. */
export interface ThroughputRounds {
  readonly raw: number;
  readonly plain: number;
  readonly coalesced: number;
}

/**
 * The three 64-in-flight figures measured in alternating rounds (each raw
 * transport, then plain calls, then coalesced calls, `rounds` times), each
 * reported as the median of its rounds.
 *
 * Why: measured once each, seconds apart, the figures moved with the
 * machine's load rather than with the code. On this VM the raw baseline
 * alone read 101k–177k calls/s from run to run, and coalescing, measured
 * a minute after the raw reference it is compared with, read 0.87–1.64×
 * that reference in runs of the same build. Alternating rounds share the
 * load between the contenders, as the pipeline figure already does.
 */
export async function throughputRounds(raw: Readonly<Record<string, Caller>>, plain: Caller, coalesced: Caller, calls: number, rounds: number): Promise<ThroughputRounds> {
  const samples = { raw: [] as number[], plain: [] as number[], coalesced: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    let rawBest = 0;
    for (const call of Object.values(raw)) rawBest = Math.max(rawBest, await throughput(call, "operator.add", [1, 2], calls, 64));
    samples.raw.push(rawBest);
    samples.plain.push(await throughput(plain, "operator.add", [1, 2], calls, 64));
    samples.coalesced.push(await throughput(coalesced, "operator.add", [1, 2], calls, 64));
  }
  return { raw: median(samples.raw), plain: median(samples.plain), coalesced: median(samples.coalesced) };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
