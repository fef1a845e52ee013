import { describe, expect, test } from "vitest";
import { createSnakepit, NotFoundError, pipelineTarget, RemoteObject, type PipelineGraph, type PythonError } from "../src/index.js";
import { InMemoryTransport } from "../src/testing/index.js";

class Box {
  constructor(readonly value: number) {}
  double() {
    return this.value * 2;
  }
}

function transport() {
  return new InMemoryTransport({
    "math.sqrt": (x: number) => {
      if (x < 0) throw Object.assign(new Error("math domain error"), { pythonType: "ValueError" });
      return Math.sqrt(x);
    },
    "math.pi": Math.PI,
    "boxes.Box": Box,
  });
}

/**
 * How many requests of each kind reached the transport: coalesced groups are
 * one pipeline call each; the calls of a batch (recorded one by one, and
 * interleaved with other requests while it runs) count as one entry per path.
 */
function requests(memory: InMemoryTransport): string[] {
  const seen: string[] = [];
  const batches = new Map<string, { index: number; size: number }>();
  for (const call of memory.calls) {
    if (call.method !== "batch") {
      seen.push(call.target === pipelineTarget ? `group of ${(call.args[0] as PipelineGraph)[2].length}` : `${call.method} ${call.target}`);
      continue;
    }
    const batch = batches.get(call.target) ?? { index: seen.push("") - 1, size: 0 };
    batch.size++;
    batches.set(call.target, batch);
    seen[batch.index] = `batch of ${batch.size} ${call.target}`;
  }
  return seen;
}

describe("automatic coalescing", () => {
  test("calls issued in the same tick go out as one request; errors stay per call", async () => {
    const memory = transport();
    await using py = createSnakepit({ transport: memory, coalesce: true });
    const settled = await Promise.allSettled([4, -1, 9, 16].map((x) => py.call("math.sqrt", [x])));
    expect(requests(memory)).toEqual(["batch of 4 math.sqrt"]);
    expect(settled.map((outcome) => (outcome.status === "fulfilled" ? outcome.value : (outcome.reason as PythonError).pythonType))).toEqual([2, "ValueError", 3, 4]);
  });

  test("four or more calls of one path travel as one batch (one MAP call on gRPC); the rest of the tick as one group", async () => {
    const memory = transport();
    await using py = createSnakepit({ transport: memory, coalesce: true });
    const [pi, ...roots] = await Promise.all([py.getAttribute("math.pi"), ...[1, 4, 9, 16, 25].map((x) => py.call("math.sqrt", [x])), py.call("math.sqrt", [-1]).catch((error: PythonError) => error.pythonType)]);
    const [fabs, ceil] = await Promise.all([py.call("math.sqrt", [36]), py.getAttribute("math.pi")]);
    expect([pi, ...roots, fabs, ceil]).toEqual([Math.PI, 1, 2, 3, 4, 5, "ValueError", 6, Math.PI]);
    expect(requests(memory)).toEqual(["batch of 6 math.sqrt", "call math.pi", "group of 2"]);
  });

  test("a call that passes a TS function goes on its own (callbacks ride a call), the rest are still coalesced", async () => {
    const memory = new InMemoryTransport({
      "math.sqrt": (x: number) => Math.sqrt(x),
      "functools.reduce": (fn: (a: number, b: number) => Promise<number> | number, items: number[]) =>
        items.reduce<Promise<number>>(async (sum, item) => fn(await sum, item), Promise.resolve(0)),
    });
    await using py = createSnakepit({ transport: memory, coalesce: true });
    const [reduced, ...roots] = await Promise.all([py.call("functools.reduce", [(a: number, b: number) => a + b, [1, 2, 3]]), py.call("math.sqrt", [4]), py.call("math.sqrt", [9])]);
    expect(reduced).toBe(6);
    expect(roots).toEqual([2, 3]);
    expect(requests(memory)).toEqual(["call functools.reduce", "group of 2"]);
  });

  test("each caller gets the typed error a plain call would give", async () => {
    await using py = createSnakepit({ transport: transport(), coalesce: true });
    const [missing, pi] = await Promise.allSettled([py.call("math.nope"), py.getAttribute("math.pi")]);
    expect(missing.status === "rejected" && missing.reason).toBeInstanceOf(NotFoundError);
    expect(pi).toEqual({ status: "fulfilled", value: Math.PI });
  });

  test("calls of different ticks are separate requests; a lone call is a plain call", async () => {
    const memory = transport();
    await using py = createSnakepit({ transport: memory, coalesce: true });
    await Promise.all([py.call("math.sqrt", [1]), py.call("math.sqrt", [4])]);
    expect(await py.call("math.sqrt", [9])).toBe(3);
    expect(requests(memory)).toEqual(["group of 2", "call math.sqrt"]);
  });

  test("is opt-in: off by default, on per call", async () => {
    const memory = transport();
    await using py = createSnakepit({ transport: memory });
    await Promise.all([py.call("math.sqrt", [1]), py.call("math.sqrt", [4])]);
    await Promise.all([1, 4, 9].map((x) => py.call("math.sqrt", [x], {}, { coalesce: true })));
    expect(requests(memory)).toEqual(["call math.sqrt", "call math.sqrt", "group of 3"]);
  });

  test("splits at maxBatchSize and keeps calls with different deadlines apart", async () => {
    const memory = transport();
    await using py = createSnakepit({ transport: memory, coalesce: true, maxBatchSize: 2 });
    const results = await Promise.all([1, 4, 9, 16, 25].map((x) => py.call("math.sqrt", [x], {}, { timeoutMs: x === 25 ? 500 : 1_000 })));
    expect(results).toEqual([1, 2, 3, 4, 5]);
    expect(requests(memory)).toEqual(["group of 2", "group of 2", "call math.sqrt"]);
  });

  test("remote objects: constructors come back as objects; calls on them and aborted calls are sent alone", async () => {
    const memory = transport();
    await using py = createSnakepit({ transport: memory, coalesce: true });
    const [first, second] = await Promise.all([py.create("boxes.Box", [2]), py.create("boxes.Box", [5])]);
    expect(first).toBeInstanceOf(RemoteObject);
    expect(await Promise.all([first.call("double"), second.call("double")])).toEqual([4, 10]);
    const controller = new AbortController();
    await Promise.all([py.call("math.sqrt", [1], {}, { signal: controller.signal }), py.call("math.sqrt", [4]), py.call("math.sqrt", [9])]);
    expect(requests(memory)).toEqual(["group of 2", "call <Box mem-1>.double", "call <Box mem-2>.double", "call math.sqrt", "group of 2"]);
  });

  test("a failing request rejects each of its calls", async () => {
    const memory = transport();
    await using py = createSnakepit({ transport: memory, coalesce: true });
    await memory.close();
    const settled = await Promise.allSettled([py.call("math.sqrt", [1]), py.call("math.sqrt", [4])]);
    expect(settled.map((outcome) => outcome.status)).toEqual(["rejected", "rejected"]);
  });
});

describe("a CallCoalescer flushed by queueMicrotask (a worker pool batching its cheap calls)", () => {
  test("sends the calls made before the code yields together, without waiting for the turn of the event loop", async () => {
    const memory = transport();
    const { CallCoalescer } = await import("../src/index.js");
    const coalescer = new CallCoalescer(memory, 64, queueMicrotask);
    let turned = false;
    setImmediate(() => (turned = true)); // queued before the calls: an immediate flush would run after it
    const calls = [4, 9, 16, 25].map((x) => coalescer.call({ target: "math.sqrt", args: [x] }));
    await expect(Promise.all(calls)).resolves.toEqual([2, 3, 4, 5]);
    expect(turned).toBe(false); // settled within the turn that made the calls
    expect(requests(memory)).toEqual(["batch of 4 math.sqrt"]);
  });
});
