/**
 * The slice of a test runner a suite needs: vitest's, jest's and node:test's
 * `test` all fit. Typed structurally so that this package depends on no test
 * runner; assertions use node:assert/strict for the same reason.
 *
 * @example
 * import { test } from "vitest";
 * transportSuite(test, () => new InMemoryTransport(stdlibHandlers()));
 */
export type TestApi = (name: string, fn: () => Promise<void> | void, timeout?: number) => void;

/** Builds a fresh instance of the port under test; called once per test. */
export type Factory<T> = () => Promise<T> | T;
