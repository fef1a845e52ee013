/**
 * Measures several contenders in alternating rounds (each contender once per
 * round, in order, `rounds` times) and reports each one's median.
 *
 * Why: on this VM the same build's figures move by 2× or more within minutes
 * (the raw baseline's p50 alone read 20 µs in one pass and 60–100 µs in the
 * next, the machine having stayed busy in between). A figure measured once,
 * seconds before or after the reference it is compared with, measures the
 * machine's state as much as the code. Alternating rounds give every
 * contender the same share of quiet and busy moments.
 *
 * @example
 * const { raw, ours } = await alternatingRounds(5, { raw: () => rawP50(), ours: () => oursP50() });
 */
export async function alternatingRounds<Name extends string>(rounds: number, contenders: Readonly<Record<Name, () => Promise<number>>>): Promise<Record<Name, number>> {
  const names = Object.keys(contenders) as Name[];
  const samples = new Map<Name, number[]>(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const name of names) samples.get(name)?.push(await contenders[name]());
  }
  roundsMeasured.push(Object.fromEntries(samples));
  return Object.fromEntries(names.map((name) => [name, median(samples.get(name) ?? [])])) as Record<Name, number>;
}

/**
 * Every round of every alternating measurement of this run, in order (the
 * bench writes them to its JSON): the medians alone hide whether a figure
 * moved with its reference or on its own.
 */
export const roundsMeasured: Record<string, number[]>[] = [];

/** The best of a measurement taken on each raw channel (stdio and Unix socket): the floor of one round. */
export async function bestOf<Channel>(channels: Readonly<Record<string, Channel>>, measure: (channel: Channel) => Promise<number>, better: "min" | "max"): Promise<number> {
  let best = better === "min" ? Number.POSITIVE_INFINITY : 0;
  for (const channel of Object.values(channels)) {
    const value = await measure(channel);
    best = better === "min" ? Math.min(best, value) : Math.max(best, value);
  }
  return best;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
