import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { PythonError} from "@snakepit/core";
import { createSnakepit, NotFoundError, PipelineStepError, RemoteObject, type Snakepit } from "@snakepit/core";
import { TransportIntrospector, type PythonWorkerPool } from "@snakepit/port-python";
import { scratchFolder } from "../support/fixtures.js";
import { startPool } from "../support/pool.js";
import { RecordingTransport } from "../support/recording-transport.js";

describe("py.pipeline against real workers", () => {
  let pool: PythonWorkerPool;
  let transport: RecordingTransport;
  let py: Snakepit;
  let csv: string;

  beforeAll(async () => {
    pool = await startPool("grpc-js");
    transport = new RecordingTransport(pool);
    py = createSnakepit({ transport, introspector: new TransportIntrospector(pool) });
    csv = join(await scratchFolder(), "data.csv");
    await writeFile(csv, "x,y\n1,10\n2,20\n3,30\n6,40\n");
  });
  afterAll(async () => {
    await py.close();
  });

  test("read_csv → column → mean is one round trip", async () => {
    transport.reset();
    const mean = await py.pipeline((p) => {
      const frame = p.call("pandas.read_csv", [csv]);
      const column = frame.item("x");
      return p.call<number>("numpy.mean", [column]);
    });
    expect(mean).toBe(3);
    expect(transport.total).toBe(1);
    expect(transport.targets).toEqual(["snakepit_bridge.pipeline.run"]);
  });

  test("methods, attributes, nodes inside containers, and a kept DataFrame as a remote object", async () => {
    const { shape, total, frame } = await py.pipeline((p) => {
      const frame = p.call("pandas.read_csv", [csv]);
      const total = p.call<number>("builtins.sum", [[frame.item("x").call("sum"), frame.item("y").call("sum")]]);
      return { shape: frame.get<number[]>("shape"), total, frame: p.keep(frame) };
    });
    expect(shape).toEqual([4, 2]);
    expect(total).toBe(112);
    expect(frame).toBeInstanceOf(RemoteObject);
    expect(frame.pythonType).toBe("pandas.DataFrame");
    expect(await frame.get("shape")).toEqual([4, 2]);
    await frame.dispose();
  });

  test("a remote object made earlier feeds pipelines on the worker that holds it", async () => {
    await using frame = await py.create("pandas.read_csv", [csv]);
    const means = await Promise.all(Array.from({ length: 6 }, () => py.pipeline((p) => p.call<number>("numpy.mean", [p.call("operator.getitem", [frame, "y"])]))));
    expect(means).toEqual(Array(6).fill(25));
  });

  test("a failing step names itself and carries the Python error", async () => {
    const failure = await py.pipeline((p) => {
      const frame = p.call("pandas.read_csv", [csv]);
      return p.call("numpy.mean", [frame.item("no_such_column")]);
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PipelineStepError);
    const error = failure as PipelineStepError;
    expect(error.step).toBe(1);
    expect(error.stepTarget).toBe("<step 0>['no_such_column']");
    expect(error.message).toMatch(/^Pipeline step 1 \(<step 0>\['no_such_column'\]\) failed/);
    expect((error.cause as PythonError).pythonType).toBe("KeyError");
    const missing = await py.pipeline((p) => p.call("numpy.mena", [[1]])).catch((caught: unknown) => caught);
    expect((missing as PipelineStepError).cause).toBeInstanceOf(NotFoundError);
  });
});
