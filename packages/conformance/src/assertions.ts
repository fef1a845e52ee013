import assert from "node:assert/strict";
import { inspect } from "node:util";

/** Any error class, abstract ones (SnakepitError) included. */
export type ErrorClass<E extends Error> = abstract new (...args: never[]) => E;

/**
 * Awaits `work` and asserts it rejected with an instance of `type`; returns the
 * error for further checks. The failure message names what came instead, so a
 * failing adapter author sees "got TransportError: …" rather than a bare diff.
 */
export async function rejectsWith<E extends Error>(work: Promise<unknown> | (() => Promise<unknown>), type: ErrorClass<E>): Promise<E> {
  let value: unknown;
  try {
    value = await (typeof work === "function" ? work() : work);
  } catch (error) {
    if (error instanceof type) return error;
    const got = error instanceof Error ? `${error.constructor.name}: ${error.message}` : inspect(error);
    assert.fail(`expected a rejection with ${type.name}, got ${got}`);
  }
  assert.fail(`expected a rejection with ${type.name}, but it resolved with ${inspect(value, { depth: 4 })}`);
}

/** Collects up to `limit` items of an async iterable, then stops it (as `break` would). */
export async function collect<T>(items: AsyncIterable<T>, limit = Number.POSITIVE_INFINITY): Promise<T[]> {
  const collected: T[] = [];
  if (limit <= 0) return collected;
  for await (const item of items) {
    collected.push(item);
    if (collected.length >= limit) break;
  }
  return collected;
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
