import assert from "node:assert/strict";
import { PythonError } from "@snakepit/core";
import type { TransportTestContext } from "./transport-test-context.js";

/** TypeScript functions in arguments: Python calls them (sync or async), and their errors come back as causes. */
export function callbackTests({ test }: TransportTestContext): void {
  test("callbacks: functools.reduce calls a TS function for every pair, in order", async (transport) => {
    const seen: [number, number][] = [];
    const add = (left: number, right: number): number => {
      seen.push([left, right]);
      return left + right;
    };
    assert.equal(await transport.call({ target: "functools.reduce", args: [add, [1, 2, 3, 4]] }), 10);
    assert.deepEqual(seen, [[1, 2], [3, 3], [6, 4]]);
  });

  test("callbacks: an async TS function is awaited before Python goes on", async (transport) => {
    const concat = async (left: string, right: string): Promise<string> => {
      await new Promise((resolve) => setImmediate(resolve));
      return `${left}${right}`;
    };
    assert.equal(await transport.call({ target: "functools.reduce", args: [concat, ["a", "b", "c"]] }), "abc");
  });

  test("callbacks: an error thrown by the TS function rejects the call with a PythonError caused by it", async (transport) => {
    const failing = (): never => {
      throw new RangeError("no reduction today");
    };
    const failure = await transport.call({ target: "functools.reduce", args: [failing, [1, 2]] }).then(
      () => assert.fail("the call should have failed"),
      (error: unknown) => error,
    );
    assert.ok(failure instanceof PythonError, `expected PythonError, got ${String(failure)}`);
    const cause = failure.cause as Error | undefined;
    assert.equal(cause?.name, "RangeError");
    assert.equal(cause?.message, "no reduction today");
  });
}
