import { tuple, type PyTuple } from "@snakepit/core";

/**
 * collections.Counter: a class whose instances stay remote, with methods
 * called through refs. Ties keep first-seen order, as in CPython.
 */
export class Counter {
  readonly #counts = new Map<unknown, number>();

  constructor(items: Iterable<unknown> | Readonly<Record<string, number>> = []) {
    if (typeof items === "string" || Symbol.iterator in items) {
      for (const item of items as Iterable<unknown>) this.#counts.set(item, (this.#counts.get(item) ?? 0) + 1);
    } else {
      for (const [key, count] of Object.entries(items)) this.#counts.set(key, count);
    }
  }

  /** The `limit` most common elements and their counts, as (element, count) tuples. */
  most_common(limit?: number | null): PyTuple[] {
    const ranked = [...this.#counts].sort(([, left], [, right]) => right - left);
    return ranked.slice(0, limit ?? ranked.length).map(([item, count]) => tuple(item, count));
  }

  /** Sum of the counts. */
  total(): number {
    return [...this.#counts.values()].reduce((sum, count) => sum + count, 0);
  }

  /** Iterating a Counter gives its distinct elements, like a dict gives its keys. */
  *[Symbol.iterator](): Iterator<unknown> {
    yield* this.#counts.keys();
  }
}
