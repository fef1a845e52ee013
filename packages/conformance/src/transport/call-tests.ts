import assert from "node:assert/strict";
import { PyTuple } from "@snakepit/core";
import type { TransportTestContext } from "./transport-test-context.js";

/** Unary calls: positional and keyword arguments, scalars, lists, tuples and None. */
export function callTests({ test }: TransportTestContext): void {
  test("call: math.sqrt(16) resolves 4", async (transport) => {
    assert.equal(await transport.call({ target: "math.sqrt", args: [16] }), 4);
  });

  test("call: operator.add(2, 3) resolves 5", async (transport) => {
    assert.equal(await transport.call({ target: "operator.add", args: [2, 3] }), 5);
  });

  test("call: a list argument reaches Python as a list — statistics.mean([1, 2, 3, 4]) is 2.5", async (transport) => {
    assert.equal(await transport.call({ target: "statistics.mean", args: [[1, 2, 3, 4]] }), 2.5);
  });

  test("call: a returned tuple arrives as a PyTuple — builtins.divmod(7, 2) is (3, 1)", async (transport) => {
    const result = await transport.call({ target: "builtins.divmod", args: [7, 2] });
    assert.ok(result instanceof PyTuple, `expected a PyTuple, got ${Object.prototype.toString.call(result)} ${String(result)}`);
    assert.deepEqual([...result], [3, 1]);
  });

  test("call: keyword arguments reach Python — json.dumps({b: 1, a: 2}, sort_keys=True)", async (transport) => {
    const result = await transport.call({ target: "json.dumps", args: [{ b: 1, a: 2 }], kwargs: { sort_keys: true } });
    assert.equal(result, '{"a": 2, "b": 1}');
  });

  test("call: a call without kwargs leaves Python's defaults — json.dumps keeps insertion order", async (transport) => {
    assert.equal(await transport.call({ target: "json.dumps", args: [{ b: 1, a: "é" }] }), '{"b": 1, "a": "\\u00e9"}');
  });

  test("call: None comes back as null — time.sleep(0)", async (transport) => {
    assert.equal(await transport.call({ target: "time.sleep", args: [0] }), null);
  });

  test("call: concurrent calls each resolve with their own result", async (transport) => {
    const roots = await Promise.all(Array.from({ length: 20 }, (_, index) => transport.call({ target: "math.sqrt", args: [index * index] })));
    assert.deepEqual(roots, Array.from({ length: 20 }, (_, index) => index));
  });
}
