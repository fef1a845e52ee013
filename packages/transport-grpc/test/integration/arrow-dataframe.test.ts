import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Bool, Dictionary, Float64, Int32, Int64, Table, Type, Utf8, vectorFromArray } from "apache-arrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BridgeTransport } from "../../src/bridge-transport.js";
import { implementations } from "../support/implementations.js";
import { startPythonWorker, workerAbsence, type RunningWorker } from "../support/python-worker.js";

const interpreter = fileURLToPath(new URL("../../../../.venv-dev/bin/python", import.meta.url));
const arrowAbsence = workerAbsence ?? (spawnSync(interpreter, ["-c", "import pyarrow, pandas"]).status === 0 ? undefined : "pyarrow or pandas is not installed in .venv-dev");

describe.skipIf(arrowAbsence !== undefined).each(implementations)(`%s: DataFrames as Arrow against the real worker${arrowAbsence ? ` (skipped: ${arrowAbsence})` : ""}`, (_name, createTransport) => {
  let worker: RunningWorker;
  let transport: BridgeTransport;

  beforeAll(async () => {
    worker = await startPythonWorker();
    transport = createTransport({ id: "py1", address: worker.address, token: worker.token });
  }, 30_000);

  afterAll(async () => {
    await transport?.close();
    await worker?.stop();
  });

  it("a Table sent to Python is a DataFrame there, and the DataFrame comes back as a Table", async () => {
    const table = new Table({
      count: vectorFromArray([1n, 2n, 3n], new Int64()),
      ratio: vectorFromArray([0.5, 1.5, 2.5], new Float64()),
      name: vectorFromArray(["a", "b", "c"], new Utf8()),
      flag: vectorFromArray([true, false, true], new Bool()),
      kind: vectorFromArray(["x", "y", "x"], new Dictionary(new Utf8(), new Int32())),
    });
    const back = (await transport.call({ target: "pandas.DataFrame.copy", args: [table] })) as Table;
    expect(back).toBeInstanceOf(Table);
    expect(back.numRows).toBe(3);
    const types = Object.fromEntries(back.schema.fields.map((field) => [field.name, Type[field.typeId]]));
    expect(types).toMatchObject({ count: "Int", ratio: "Float", flag: "Bool", kind: "Dictionary" });
    expect([...(back.getChild("name") ?? [])]).toEqual(["a", "b", "c"]);
    const dtypes = await transport.call({ target: "snakepit_bridge.pipeline.run", args: [{ version: 1, steps: [
      { op: "call", path: "pandas.DataFrame.copy", args: [table] },
      { op: "getattr", on: 0, name: "dtypes" },
      { op: "call", on: 1, name: "astype", args: ["str"] },
      { op: "call", on: 2, name: "to_dict" },
    ], outputs: [{ step: 3 }] }] });
    expect((dtypes as { outputs: unknown[] }).outputs[0]).toMatchObject({ count: "int64", ratio: "float64", flag: "bool", kind: "category" });
  });
});
