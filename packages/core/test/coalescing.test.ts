import { describe, expect, test } from "vitest";
import { createSnakepit, type PythonError } from "../src/index.js";
import { InMemoryTransport } from "../src/testing/index.js";

/** An InMemoryTransport that counts how many batch messages it received. */
class CountingTransport extends InMemoryTransport {
  batches: number[] = [];
  override batch(...parameters: Parameters<InMemoryTransport["batch"]>) {
    this.batches.push(parameters[0].length);
    return super.batch(...parameters);
  }
}

function counting() {
  return new CountingTransport({
    "math.sqrt": (x: number) => {
      if (x < 0) throw Object.assign(new Error("math domain error"), { pythonType: "ValueError" });
      return Math.sqrt(x);
    },
  });
}

describe("automatic coalescing", () => {
  test("calls issued in the same tick go out as one batch; errors stay per call", async () => {
    const transport = counting();
    await using py = createSnakepit({ transport, coalesce: true });
    const settled = await Promise.allSettled([4, -1, 9, 16].map((x) => py.call("math.sqrt", [x])));
    expect(transport.batches).toEqual([4]);
    expect(transport.calls.filter((call) => call.method === "call")).toHaveLength(0);
    expect(settled.map((outcome) => (outcome.status === "fulfilled" ? outcome.value : (outcome.reason as PythonError).pythonType))).toEqual([2, "ValueError", 3, 4]);
  });

  test("calls of different ticks are separate batches; a lone call is a plain call", async () => {
    const transport = counting();
    await using py = createSnakepit({ transport, coalesce: true });
    await Promise.all([py.call("math.sqrt", [1]), py.call("math.sqrt", [4])]);
    expect(await py.call("math.sqrt", [9])).toBe(3);
    expect(transport.batches).toEqual([2]);
    expect(transport.calls.map((call) => call.method)).toEqual(["batch", "batch", "call"]);
  });

  test("is opt-in: off by default, on per call", async () => {
    const transport = counting();
    await using py = createSnakepit({ transport });
    await Promise.all([py.call("math.sqrt", [1]), py.call("math.sqrt", [4])]);
    expect(transport.batches).toEqual([]);
    await Promise.all([1, 4, 9].map((x) => py.call("math.sqrt", [x], {}, { coalesce: true })));
    expect(transport.batches).toEqual([3]);
  });

  test("splits at maxBatchSize and keeps calls with different deadlines apart", async () => {
    const transport = counting();
    await using py = createSnakepit({ transport, coalesce: true, maxBatchSize: 2 });
    const results = await Promise.all([1, 4, 9, 16, 25].map((x) => py.call("math.sqrt", [x], {}, { timeoutMs: x === 25 ? 500 : 1_000 })));
    expect(results).toEqual([1, 2, 3, 4, 5]);
    expect(transport.batches).toEqual([2, 2]);
    expect(transport.calls.filter((call) => call.method === "call")).toHaveLength(1);
  });

  test("a call with an AbortSignal is never batched with others", async () => {
    const transport = counting();
    await using py = createSnakepit({ transport, coalesce: true });
    const controller = new AbortController();
    await Promise.all([py.call("math.sqrt", [1], {}, { signal: controller.signal }), py.call("math.sqrt", [4]), py.call("math.sqrt", [9])]);
    expect(transport.batches).toEqual([2]);
  });

  test("a failing batch rejects each of its calls", async () => {
    const transport = counting();
    await using py = createSnakepit({ transport, coalesce: true });
    await transport.close();
    const settled = await Promise.allSettled([py.call("math.sqrt", [1]), py.call("math.sqrt", [4])]);
    expect(settled.map((outcome) => outcome.status)).toEqual(["rejected", "rejected"]);
  });
});
