import { DateUnit, Table, TimeUnit, Type, type Timestamp } from "apache-arrow";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Snakepit } from "@snakepit/core";
import { fixturesEnv } from "../support/fixtures.js";
import { startSnakepitOnPool } from "../support/pool.js";

const expectedDtypes = { count: "int64", ratio: "float64", name: "object", flag: "bool", at: "datetime64[ns]", kind: "category" };

describe("pandas DataFrames as Arrow against real workers", () => {
  let py: Snakepit;

  beforeAll(async () => {
    ({ py } = await startSnakepitOnPool("grpc-js", { env: fixturesEnv }));
  });
  afterAll(async () => {
    await py.close();
  });

  test("a DataFrame comes back as an apache-arrow Table with matching Arrow types", async () => {
    const table = await py.call<Table>("optimizer_fixtures.typed_frame");
    expect(table).toBeInstanceOf(Table);
    expect(table.numRows).toBe(3);
    const types = Object.fromEntries(table.schema.fields.map((field) => [field.name, Type[field.typeId]]));
    expect(types).toEqual({ count: "Int", ratio: "Float", name: "Utf8", flag: "Bool", at: "Timestamp", kind: "Dictionary" });
    expect((table.schema.fields.find((field) => field.name === "at")?.type as Timestamp).unit).toBe(TimeUnit.NANOSECOND);
    expect([...(table.getChild("name") ?? [])]).toEqual(["a", "b", "c"]);
    expect([...(table.getChild("kind") ?? [])]).toEqual(["x", "y", "x"]);
    expect(DateUnit).toBeDefined();
  });

  test("the Table sent back is the same DataFrame in Python, dtypes intact", async () => {
    const table = await py.call<Table>("optimizer_fixtures.typed_frame");
    expect(await py.call("optimizer_fixtures.dtypes_of", [table])).toEqual(expectedDtypes);
    expect(await py.pipeline((p) => p.call<boolean>("optimizer_fixtures.frames_equal", [table, p.call("optimizer_fixtures.typed_frame")]))).toBe(true);
  });
});
