import { Container } from "inversify";
import { describe, expect, test } from "vitest";
import {
  CancelledError, CoreContainerModule, createSnakepit, kw, NDArray, NotFoundError, PythonError, RemoteObject,
  snakepitId, TimeoutError, transportId,
} from "../src/index.js";
import { InMemoryCache, InMemoryTransport, InMemoryTransportContainerModule } from "../src/testing/index.js";

class Counter {
  counts = new Map<string, number>();
  constructor(items: string[] = []) {
    for (const item of items) this.add(item);
  }
  add(item: string) {
    this.counts.set(item, (this.counts.get(item) ?? 0) + 1);
    return null;
  }
  most_common(n: number) {
    return [...this.counts].sort((a, b) => b[1] - a[1]).slice(0, n);
  }
}

function* count(start: number) {
  for (let value = start; ; value++) yield value;
}

const handlers = {
  "math.sqrt": (x: number) => {
    if (x < 0) throw Object.assign(new Error("math domain error"), { pythonType: "ValueError" });
    return Math.sqrt(x);
  },
  "statistics.mean": (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length,
  "json.dumps": (value: unknown, kwargs?: { indent?: number }) => JSON.stringify(value, null, kwargs?.indent),
  "numpy.sum": (array: NDArray) => (array.data as Float64Array).reduce((a, b) => a + b, 0),
  "collections.Counter": Counter,
  "itertools.count": count,
  "time.sleep": async (seconds: number) => new Promise((resolve) => setTimeout(() => resolve(null), seconds * 1000)),
};

describe("Snakepit over InMemoryTransport", () => {
  test("composes through createSnakepit and calls functions", async () => {
    await using py = createSnakepit({ transport: new InMemoryTransport(handlers) });
    expect(await py.call("math.sqrt", [16])).toBe(4);
    expect(await py.call("statistics.mean", [[1, 2, 3]])).toBe(2);
    expect(await py.call("json.dumps", [{ a: 1 }], { indent: 1 })).toBe('{\n "a": 1\n}');
    expect(await py.call("numpy.sum", [NDArray.from(new Float64Array([1, 2, 3.5]))])).toBe(6.5);
  });

  test("composes through inversify, and the transport swaps in one line", async () => {
    const transport = new InMemoryTransport(handlers);
    const container = new Container();
    container.load(CoreContainerModule.fromOptions(), InMemoryTransportContainerModule.fromOptions({ transport }));
    const py = container.get(snakepitId);
    expect(container.get(transportId)).toBe(transport);
    expect(await py.module("math").sqrt!(81)).toBe(9); // `!`: an index signature is possibly undefined under noUncheckedIndexedAccess
    expect(transport.calls.map((call) => call.target)).toEqual(["math.sqrt"]);
    await py.close();
  });

  test("module proxies navigate submodules and pass keyword arguments", async () => {
    await using py = createSnakepit({ transport: new InMemoryTransport(handlers) });
    const json = py.module("json");
    expect(await json.dumps!([1], kw({ indent: 2 }))).toBe("[\n  1\n]");
  });

  test("classes come back as remote objects with methods and disposal", async () => {
    const transport = new InMemoryTransport(handlers);
    await using py = createSnakepit({ transport });
    {
      await using counter = await py.create("collections.Counter", [["a", "b", "a"]]);
      expect(counter).toBeInstanceOf(RemoteObject);
      await counter.add!("b");
      await counter.add!("b");
      expect(await counter.most_common!(1)).toEqual([["b", 3]]);
      expect(transport.liveObjects).toBe(1);
    }
    expect(transport.liveObjects).toBe(0);
  });

  test("constructing through a module proxy also gives a remote object, and awaiting it is safe", async () => {
    await using py = createSnakepit({ transport: new InMemoryTransport(handlers) });
    const counter = await py.module("collections").Counter!(["x"]);
    expect(counter).toBeInstanceOf(RemoteObject);
    expect(await (counter as unknown as { most_common(n: number): Promise<unknown> }).most_common(1)).toEqual([["x", 1]]);
  });

  test("generators stream, and breaking the loop stops them", async () => {
    await using py = createSnakepit({ transport: new InMemoryTransport(handlers) });
    const seen: number[] = [];
    for await (const value of py.stream<number>("itertools.count", [10])) {
      seen.push(value);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual([10, 11, 12]);
  });

  test("errors are typed", async () => {
    await using py = createSnakepit({ transport: new InMemoryTransport(handlers) });
    const failure = await py.call("math.sqrt", [-1]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PythonError);
    expect(failure).toMatchObject({ pythonType: "ValueError", pythonMessage: "math domain error", target: "math.sqrt" });
    await expect(py.call("math.nope", [])).rejects.toBeInstanceOf(NotFoundError);
    await expect(py.call("time.sleep", [1], {}, { timeoutMs: 20 })).rejects.toBeInstanceOf(TimeoutError);
    const controller = new AbortController();
    const pending = py.call("time.sleep", [1], {}, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
  });

  test("batch settles every call in order, failures in their slots", async () => {
    await using py = createSnakepit({ transport: new InMemoryTransport(handlers), maxBatchSize: 2 });
    const outcomes = await py.batch([
      { path: "math.sqrt", args: [4] },
      { path: "math.sqrt", args: [-4] },
      { path: "math.sqrt", args: [9] },
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(outcomes[2]).toEqual({ status: "fulfilled", value: 3 });
    expect(outcomes[1]?.status === "rejected" && outcomes[1].reason).toBeInstanceOf(PythonError);
  });

  test("pure calls are cached per arguments, single-flight, and invalidated on demand", async () => {
    const transport = new InMemoryTransport(handlers, { latencyMs: 5 });
    await using py = createSnakepit({
      transport,
      cache: new InMemoryCache(),
      catalog: { statistics: { functions: [{ name: "mean", pure: true }] } },
    });
    const results = await Promise.all(Array.from({ length: 10 }, () => py.call("statistics.mean", [[1, 2, 3]])));
    expect(results).toEqual(Array(10).fill(2));
    expect(await py.call("statistics.mean", [[1, 2, 3]])).toBe(2);
    expect(transport.calls.filter((call) => call.target === "statistics.mean")).toHaveLength(1);
    expect(py.cacheStats).toEqual({ hits: 1, misses: 1, joined: 9 });
    await py.invalidate("statistics.mean", [[1, 2, 3]]);
    await py.call("statistics.mean", [[1, 2, 3]]);
    expect(transport.calls.filter((call) => call.target === "statistics.mean")).toHaveLength(2);
    expect(await py.call("math.sqrt", [4])).toBe(2);
    expect(await py.call("math.sqrt", [4])).toBe(2);
    expect(transport.calls.filter((call) => call.target === "math.sqrt")).toHaveLength(2);
  });
});
