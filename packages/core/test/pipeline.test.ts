import { describe, expect, test } from "vitest";
import { createSnakepit, NotFoundError, PipelineStepError, PythonError, RemoteObject, type PipelineGraph, type PipelineNode } from "../src/index.js";
import { InMemoryTransport } from "../src/testing/index.js";

class Frame {
  constructor(readonly columns: Record<string, number[]>) {}
  get shape(): [number, number] {
    return [Object.values(this.columns)[0]?.length ?? 0, Object.keys(this.columns).length];
  }
  head(rows: number) {
    return new Frame(Object.fromEntries(Object.entries(this.columns).map(([name, values]) => [name, values.slice(0, rows)])));
  }
}

function transport() {
  return new InMemoryTransport({
    "pandas.read_csv": (path: string) => {
      if (path !== "data.csv") throw Object.assign(new Error(`[Errno 2] No such file or directory: '${path}'`), { pythonType: "FileNotFoundError" });
      return new Frame({ x: [1, 2, 3, 6], y: [0, 0, 1, 1] });
    },
    "numpy.mean": (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length,
    "builtins.len": (value: unknown[]) => value.length,
    "builtins.sum": (values: number[], kwargs?: { start?: number }) => values.reduce((sum, value) => sum + value, kwargs?.start ?? 0),
    "math.pi": Math.PI,
    "frames.rows": ({ frame }: { frame: Frame }) => frame.shape[0],
  });
}

describe("py.pipeline", () => {
  test("read_csv → column → mean is one request, and only the output comes back", async () => {
    const memory = transport();
    await using py = createSnakepit({ transport: memory });
    const mean = await py.pipeline((p) => {
      const frame = p.call("pandas.read_csv", ["data.csv"]);
      const column = frame.get<Record<string, number[]>>("columns").item<number[]>("x");
      return p.call<number>("numpy.mean", [column]);
    });
    expect(mean).toBe(3);
    expect(memory.calls.map((call) => call.target)).toEqual(["snakepit_bridge.pipeline.run"]);
    expect(memory.liveObjects).toBe(0);
  });

  test("nodes work inside arrays, objects and kwargs; outputs keep the returned shape", async () => {
    await using py = createSnakepit({ transport: transport() });
    const result = await py.pipeline((p) => {
      const frame = p.call("pandas.read_csv", ["data.csv"]);
      const x = frame.get("columns").item<number[]>("x");
      const total = p.call<number>("builtins.sum", [x], { start: p.call("builtins.len", [[x, { nested: x }]]) });
      return { total, shape: frame.get<[number, number]>("shape"), both: [total, p.get<number>("math.pi")], constant: "as is" };
    });
    expect(result).toEqual({ total: 14, shape: [4, 2], both: [14, Math.PI], constant: "as is" });
    const typed: { total: number; shape: [number, number]; both: number[]; constant: string } = result;
    expect(typed.total).toBe(14);
  });

  test("on the wire: a node passed as an argument is its step index at a listed position, deeper nodes are markers, kept outputs ~index", async () => {
    const memory = transport();
    await using py = createSnakepit({ transport: memory });
    await py.pipeline((p) => {
      const frame = p.call("pandas.read_csv", ["data.csv"]);
      const x = frame.get("columns").item<number[]>("x");
      const length = p.call<number>("builtins.len", [x]);
      const total = p.call<number>("builtins.sum", [x], { start: length });
      return { total, frame: p.keep(frame), nested: p.call("builtins.len", [[x, { deeper: x }], x]) };
    });
    const [version, isolate, steps, outputs] = memory.calls[0]?.args?.[0] as PipelineGraph;
    expect([version, isolate]).toEqual([2, false]);
    expect(steps).toEqual([
      [0, "pandas.read_csv", null, null, null, ["data.csv"], null, null],
      [1, null, 0, null, "columns", null, null, null],
      [2, null, 1, null, null, ["x"], null, null],
      [0, "builtins.len", null, null, null, [2], null, [0]],
      [0, "builtins.sum", null, null, null, [{ $snakepit_node: 2 }], { start: { $snakepit_node: 3 } }, true],
      [0, "builtins.len", null, null, null, [[{ $snakepit_node: 2 }, { deeper: { $snakepit_node: 2 } }], { $snakepit_node: 2 }], null, true],
    ]);
    expect(outputs).toEqual([4, ~0, 5]);
  });

  test("method calls on nodes, and p.keep returns a remote object the caller disposes", async () => {
    const memory = transport();
    await using py = createSnakepit({ transport: memory });
    const { rows, head } = await py.pipeline((p) => {
      const frame = p.call("pandas.read_csv", ["data.csv"]);
      const head = frame.call("head", [2]);
      return { rows: head.get<[number, number]>("shape"), head: p.keep(head) };
    });
    expect(rows).toEqual([2, 2]);
    expect(head).toBeInstanceOf(RemoteObject);
    expect(await head.get("shape")).toEqual([2, 2]);
    expect(memory.liveObjects).toBe(1);
    await head.dispose();
    expect(memory.liveObjects).toBe(0);
  });

  test("remote objects made earlier can feed a pipeline", async () => {
    await using py = createSnakepit({ transport: transport() });
    await using frame = await py.create("pandas.read_csv", ["data.csv"]);
    expect(await py.pipeline((p) => p.call<number>("frames.rows", [{ frame }]))).toBe(4);
  });

  test("a failing step names its index and target, and carries the typed Python error", async () => {
    await using py = createSnakepit({ transport: transport() });
    const failure = await py.pipeline((p) => {
      const frame = p.call("pandas.read_csv", ["missing.csv"]);
      return p.call("numpy.mean", [frame.item("x")]);
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PipelineStepError);
    const error = failure as PipelineStepError;
    expect(error.step).toBe(0);
    expect(error.stepTarget).toBe("pandas.read_csv");
    expect(error.message).toContain("Pipeline step 0 (pandas.read_csv) failed");
    expect(error.cause).toBeInstanceOf(PythonError);
    expect((error.cause as PythonError).pythonType).toBe("FileNotFoundError");
  });

  test("an unknown path fails its step with NotFoundError", async () => {
    await using py = createSnakepit({ transport: transport() });
    const error = (await py.pipeline((p) => p.call("numpy.mena", [[1]])).catch((caught: unknown) => caught)) as PipelineStepError;
    expect(error.step).toBe(0);
    expect(error.cause).toBeInstanceOf(NotFoundError);
  });

  test("failNext applies to a step inside a pipeline", async () => {
    const memory = transport().failNext("numpy.mean", Object.assign(new Error("boom"), { pythonType: "ValueError" }));
    await using py = createSnakepit({ transport: memory });
    const error = (await py.pipeline((p) => p.call("numpy.mean", [[1, 2]])).catch((caught: unknown) => caught)) as PipelineStepError;
    expect(error.stepTarget).toBe("numpy.mean");
    expect((error.cause as PythonError).pythonType).toBe("ValueError");
  });

  test("misuse is refused before anything is sent", async () => {
    const memory = transport();
    await using py = createSnakepit({ transport: memory });
    let leaked: PipelineNode | undefined;
    await py.pipeline((p) => (leaked = p.call("builtins.len", [[1]])));
    await expect(py.pipeline((p) => p.call("builtins.len", [leaked]))).rejects.toThrow(/belongs to another pipeline/);
    await expect(py.pipeline((p) => p.call("builtins.len", [p.keep(p.call("builtins.len", [[]]))]))).rejects.toThrow(/marks an output/);
    expect(() => leaked?.get("x")).toThrow(/already sent/);
    expect(await py.pipeline(() => ({ nothing: 1 }))).toEqual({ nothing: 1 });
    expect(memory.calls).toHaveLength(1);
  });
});
