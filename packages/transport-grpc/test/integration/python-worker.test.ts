import { CodecError, NDArray, NotFoundError, PythonError, RemoteRef, TimeoutError, tuple } from "@snakepit/core";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { realWorkerImplementations } from "../support/implementations.js";
import { workerAbsence } from "../support/python-worker.js";
import { useWorkerSession } from "../support/worker-session.js";

describe.skipIf(workerAbsence !== undefined).each(realWorkerImplementations)(`%s transport against the real Python worker${workerAbsence ? ` (skipped: ${workerAbsence})` : ""}`, (_name, createTransport) => {
  const live = useWorkerSession(createTransport, { fastLane: true });

  it("refuses calls made with the wrong token", async () => {
    const intruder = createTransport({ id: "py-intruder", address: live.worker.address, frameAddress: live.worker.frameAddress, token: "not-the-token" });
    try {
      await expect(intruder.call({ target: "math.sqrt", args: [2] })).rejects.toThrow(/token/);
    } finally {
      await intruder.close();
    }
  });

  it("calls math.sqrt and statistics.mean", async () => {
    await expect(live.transport.call({ target: "math.sqrt", args: [2] })).resolves.toBeCloseTo(Math.SQRT2);
    await expect(live.transport.call({ target: "statistics.mean", args: [[1, 2, 3, 4]] })).resolves.toBe(2.5);
  });

  it("sums a million float64 values in numpy", async () => {
    const data = new Float64Array(1_000_000).fill(0.5);
    await expect(live.transport.call({ target: "numpy.sum", args: [data] })).resolves.toBe(500_000);
  });

  it("gets an NDArray back from numpy.matmul", async () => {
    const a = NDArray.from(new Float64Array([1, 2, 3, 4]), [2, 2]);
    const product = (await live.transport.call({ target: "numpy.matmul", args: [a, a] })) as NDArray;
    expect(product).toBeInstanceOf(NDArray);
    expect(product.dtype).toBe("float64");
    expect(product.shape).toEqual([2, 2]);
    expect(product.toArray()).toEqual([[7, 10], [15, 22]]);
  });

  it("round-trips a big NDArray result", async () => {
    const result = (await live.transport.call({ target: "numpy.arange", args: [1_000_000], kwargs: { dtype: "float64" } })) as NDArray<"float64">;
    expect(result.shape).toEqual([1_000_000]);
    expect(result.data[999_999]).toBe(999_999);
  });

  it("keeps tuples, maps with int keys, sets and big ints", async () => {
    await expect(live.transport.call({ target: "builtins.divmod", args: [7, 2] })).resolves.toEqual(tuple(3, 1));
    await expect(live.transport.call({ target: "builtins.dict", args: [[tuple<unknown[]>(1, "a")]] })).resolves.toEqual(new Map([[1, "a"]]));
    await expect(live.transport.call({ target: "builtins.set", args: [[1, 2]] })).resolves.toEqual(new Set([1, 2]));
    await expect(live.transport.call({ target: "math.factorial", args: [25] })).resolves.toBe(15511210043330985984000000n);
  });

  it("works with an object through its ref", async () => {
    const counter = (await live.transport.call({ target: "collections.Counter", args: ["abracadabra"], resultMode: "ref" })) as RemoteRef;
    expect(counter).toBeInstanceOf(RemoteRef);
    expect(counter.owner).toBe("py1");
    const top = await live.transport.call({ target: "", ref: counter, attribute: "most_common", args: [1] });
    expect(top).toEqual([tuple<unknown[]>("a", 5)]);
    await live.transport.call({ target: "", ref: counter, attribute: "update", args: ["zzzzzz"] });
    await expect(live.transport.call({ target: "", ref: counter, attribute: "most_common", args: [1] })).resolves.toEqual([tuple<unknown[]>("z", 6)]);
    await live.transport.release([counter]);
    await expect(live.transport.call({ target: "", ref: counter, attribute: "most_common", args: [1] })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("streams a generator and stops it when the loop breaks", async () => {
    const items: unknown[] = [];
    for await (const item of live.transport.stream({ target: "itertools.count", args: [10] })) {
      items.push(item);
      if (items.length === 5) break;
    }
    expect(items).toEqual([10, 11, 12, 13, 14]);
    await sleep(100);
    const health = await live.transport.health();
    expect(health.endpoints[0]?.inFlight).toBe(0);
  });

  it("raises a Python exception as PythonError with its traceback", async () => {
    const error = await live.transport.call({ target: "math.sqrt", args: [-1] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PythonError);
    expect(error).toMatchObject({ pythonType: "ValueError", target: "math.sqrt" });
    expect((error as PythonError).traceback).toContain("Traceback");
  });

  it("maps a missing target to NotFoundError", async () => {
    await expect(live.transport.call({ target: "math.no_such_function" })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses a class instance before sending", async () => {
    await expect(live.transport.call({ target: "builtins.repr", args: [new (class Model {})()] })).rejects.toBeInstanceOf(CodecError);
  });

  it("times out at the deadline, and the worker stays usable", async () => {
    const started = Date.now();
    await expect(live.transport.call({ target: "time.sleep", args: [5] }, { timeoutMs: 200 })).rejects.toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(2_000);
    await expect(live.transport.call({ target: "operator.add", args: [1, 2] })).resolves.toBe(3);
  });

  it("settles batch slots on their own", async () => {
    const outcomes = await live.transport.batch([
      { target: "operator.add", args: [1, 2] },
      { target: "math.sqrt", args: [-1] },
      { target: "math.no_such_function" },
      { target: "operator.mul", args: [3, 4] },
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "rejected", "rejected", "fulfilled"]);
    expect(outcomes[3]).toEqual({ status: "fulfilled", value: 12 });
    expect(outcomes[1]?.status === "rejected" && outcomes[1].reason).toBeInstanceOf(PythonError);
    expect(outcomes[2]?.status === "rejected" && outcomes[2].reason).toBeInstanceOf(NotFoundError);
  });

  it("sends a uniform batch as one MAP call and still settles every slot on its own", async () => {
    const values = [16, -1, 9, "x", 25];
    const outcomes = await live.transport.batch(values.map((value) => ({ target: "math.sqrt", args: [value] })));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "rejected", "fulfilled", "rejected", "fulfilled"]);
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled").map((outcome) => outcome.value)).toEqual([4, 3, 5]);
    const domain = outcomes[1]?.status === "rejected" ? outcomes[1].reason : undefined;
    expect(domain).toBeInstanceOf(PythonError);
    expect(domain).toMatchObject({ pythonType: "ValueError", pythonModule: "builtins" });
    expect(outcomes[3]?.status === "rejected" && outcomes[3].reason).toMatchObject({ pythonType: "TypeError" });
    const keywords = await live.transport.batch([1, 2, 3, 4].map((n) => ({ target: "json.dumps", args: [{ b: n, a: 0 }], kwargs: n % 2 ? { sort_keys: true } : {} })));
    expect(keywords.map((outcome) => outcome.status === "fulfilled" && outcome.value)).toEqual(['{"a": 0, "b": 1}', '{"b": 2, "a": 0}', '{"a": 0, "b": 3}', '{"b": 4, "a": 0}']);
    const missing = await live.transport.batch(Array.from({ length: 4 }, () => ({ target: "math.no_such_function" })));
    expect(missing.every((outcome) => outcome.status === "rejected" && outcome.reason instanceof NotFoundError)).toBe(true);
  });

  it("fails only the element whose arguments cannot be encoded in a uniform batch", async () => {
    const outcomes = await live.transport.batch([1, 2, Symbol("no"), 4].map((value) => ({ target: "operator.neg", args: [value] })));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect(outcomes[2]?.status === "rejected" && outcomes[2].reason).toBeInstanceOf(CodecError);
  });

  it("describes a function", async () => {
    const description = await live.transport.describe("math.sqrt");
    expect(description).toMatchObject({ kind: "function", path: "math.sqrt", name: "sqrt" });
  });

  it("reports health with the worker's pid", async () => {
    const health = await live.transport.health();
    expect(health.ready).toBe(true);
    expect(health.endpoints[0]).toMatchObject({ id: "py1", ready: true, pid: live.worker.pid });
  });
});
