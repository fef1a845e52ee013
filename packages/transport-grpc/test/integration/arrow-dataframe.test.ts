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
    // A pipeline graph by hand (pipeline-graph.ts): [version, isolate, steps, outputs], a step [op, path, on, object, name, args, kwargs, nodes].
    const dtypes = await live.transport.call({ target: "snakepit_bridge.pipeline.run", args: [[2, false, [
      [0, "pandas.DataFrame.copy", null, null, null, [table], null, null],
      [1, null, 0, null, "dtypes", null, null, null],
      [0, null, 1, null, "astype", ["str"], null, null],
      [0, null, 2, null, "to_dict", null, null, null],
    ], [3]]] });
    expect((dtypes as unknown[])[0]).toMatchObject({ count: "int64", ratio: "float64", flag: "bool", kind: "category" });
  });
});
