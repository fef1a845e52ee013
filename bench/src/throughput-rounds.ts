import { alternatingRounds, bestOf } from "./alternating-rounds.js";
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
 * reported as the median of its rounds: measured once each, seconds apart,
 * the raw baseline alone read 101k–177k calls/s from run to run, and
 * coalescing, measured a minute after its reference, read 0.87–1.64× that
 * reference on the same build (see alternating-rounds.ts).
 */
export async function throughputRounds(raw: Readonly<Record<string, Caller>>, plain: Caller, coalesced: Caller, calls: number, rounds: number): Promise<ThroughputRounds> {
  const inFlight = (call: Caller) => throughput(call, "operator.add", [1, 2], calls, 64);
  // One untimed pass of each contender first: V8 keeps optimizing the concurrent path for about a
  // second of it (in a probe, rounds after a 10,000-call warm-up still read 152k, 217k, then
  // 290k–380k calls/s), and the raw client's smaller loop gets there sooner.
  for (const call of [...Object.values(raw), plain, coalesced]) await inFlight(call);
  return alternatingRounds(rounds, {
    raw: () => bestOf(raw, inFlight, "max"),
    plain: () => inFlight(plain),
    coalesced: () => inFlight(coalesced),
  });
}
