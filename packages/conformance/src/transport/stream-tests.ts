import assert from "node:assert/strict";
import { NotFoundError, PythonError } from "@snakepit/core";
import { collect, rejectsWith } from "../assertions.js";
import type { TransportTestContext } from "./transport-test-context.js";

/** Server streaming of generators and iterables, including early exit from endless ones. */
export function streamTests({ test }: TransportTestContext): void {
  test("stream: builtins.range(5) yields 0, 1, 2, 3, 4", async (transport) => {
    assert.deepEqual(await collect(transport.stream({ target: "builtins.range", args: [5] })), [0, 1, 2, 3, 4]);
  });

  test("stream: builtins.range(1, 10, 3) yields 1, 4, 7", async (transport) => {
    assert.deepEqual(await collect(transport.stream({ target: "builtins.range", args: [1, 10, 3] })), [1, 4, 7]);
  });

  test("stream: breaking out of the endless itertools.count(10) stops it, and the transport keeps working", async (transport) => {
    assert.deepEqual(await collect(transport.stream({ target: "itertools.count", args: [10] }), 3), [10, 11, 12]);
    assert.deepEqual(await collect(transport.stream({ target: "itertools.count", args: [0] }), 2), [0, 1]);
    assert.equal(await transport.call({ target: "math.sqrt", args: [4] }), 2);
  });

  test("stream: an exception raised when the iterable is made rejects with PythonError — range(0, 5, 0)", async (transport) => {
    const error = await rejectsWith(collect(transport.stream({ target: "builtins.range", args: [0, 5, 0] })), PythonError);
    assert.equal(error.pythonType, "ValueError");
  });

  test("stream: an exception raised mid-stream rejects with PythonError after the items before it — accumulate([1, 2, 'a'])", async (transport) => {
    const received: unknown[] = [];
    const error = await rejectsWith((async () => {
      for await (const item of transport.stream({ target: "itertools.accumulate", args: [[1, 2, "a"]] })) received.push(item);
    })(), PythonError);
    assert.equal(error.pythonType, "TypeError");
    assert.deepEqual(received, [1, 3]);
  });

  test("stream: a result that is not iterable rejects with PythonError TypeError — math.sqrt(4)", async (transport) => {
    const error = await rejectsWith(collect(transport.stream({ target: "math.sqrt", args: [4] })), PythonError);
    assert.equal(error.pythonType, "TypeError");
  });

  test("stream: a missing target rejects with NotFoundError", async (transport) => {
    await rejectsWith(collect(transport.stream({ target: "itertools.no_such_iterator" })), NotFoundError);
  });
}
