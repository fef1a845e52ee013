import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Bool, Dictionary, Float64, Int32, Int64, Table, Type, Utf8, vectorFromArray } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { implementations } from "../support/implementations.js";
import { workerAbsence } from "../support/python-worker.js";
import { useWorkerSession } from "../support/worker-session.js";

const interpreter = fileURLToPath(new URL("../../../../.venv-dev/bin/python", import.meta.url));
const arrowAbsence = workerAbsence ?? (spawnSync(interpreter, ["-c", "import pyarrow, pandas"]).status === 0 ? undefined : "pyarrow or pandas is not installed in .venv-dev");

describe.skipIf(arrowAbsence !== undefined).each(implementations)(`%s: DataFrames as Arrow against the real worker${arrowAbsence ? ` (skipped: ${arrowAbsence})` : ""}`, (_name, createTransport) => {
  const live = useWorkerSession(createTransport);

  it("a Table sent to Python is a DataFrame there, and the DataFrame comes back as a Table", async () => {
    const table = new Table({
      count: vectorFromArray([1n, 2n, 3n], new Int64()),
      ratio: vectorFromArray([0.5, 1.5, 2.5], new Float64()),
      name: vectorFromArray(["a", "b", "c"], new Utf8()),
      flag: vectorFromArray([true, false, true], new Bool()),
      kind: vectorFromArray(["x", "y", "x"], new Dictionary(new Utf8(), new Int32())),
    });
    const back = (await live.transport.call({ target: "pandas.DataFrame.copy", args: [table] })) as Table;
    expect(back).toBeInstanceOf(Table);
    expect(back.numRows).toBe(3);
    const types = Object.fromEntries(back.schema.fields.map((field) => [field.name, Type[field.typeId]]));
    expect(types).toMatchObject({ count: "Int", ratio: "Float", flag: "Bool", kind: "Dictionary" });
    expect([...(back.getChild("name") ?? [])]).toEqual(["a", "b", "c"]);
    const dtypes = await live.transport.call({ target: "snakepit_bridge.pipeline.run", args: [{ version: 1, steps: [
      { op: "call", path: "pandas.DataFrame.copy", args: [table] },
      { op: "getattr", on: 0, name: "dtypes" },
      { op: "call", on: 1, name: "astype", args: ["str"] },
      { op: "call", on: 2, name: "to_dict" },
    ], outputs: [{ step: 3 }] }] });
    expect((dtypes as { outputs: unknown[] }).outputs[0]).toMatchObject({ count: "int64", ratio: "float64", flag: "bool", kind: "category" });
  });
});
