import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CodecError, typeRegistry, type Snakepit } from "@snakepit/core";
import { fixturesEnv } from "../support/fixtures.js";
import { startSnakepitOnPool } from "../support/pool.js";

class Point {
  constructor(readonly x: number, readonly y: number) {}
}

describe("user types (ext 12) against real workers", () => {
  let py: Snakepit;

  beforeAll(async () => {
    typeRegistry.register({
      name: "geometry.Point",
      pythonType: "geometry_fixtures.Point",
      tsType: "Point",
      is: (value): value is Point => value instanceof Point,
      toWire: (point) => [point.x, point.y],
      fromWire: (data) => {
        const [x, y] = data as [number, number];
        return new Point(x, y);
      },
    });
    ({ py } = await startSnakepitOnPool("grpc-js", { env: fixturesEnv, typeModules: ["geometry_fixtures"] }));
  });
  afterAll(async () => {
    typeRegistry.unregister("geometry.Point");
    await py.close();
  });

  test("TS Points arrive as Python Points and the Point returned is a TS Point", async () => {
    const middle = await py.call<Point>("geometry_fixtures.midpoint", [new Point(0, 0), new Point(4, -2)]);
    expect(middle).toBeInstanceOf(Point);
    expect(middle).toEqual(new Point(2, -1));
    expect(await py.call("geometry_fixtures.describe", [new Point(1.5, 2)])).toBe("geometry_fixtures.Point(1.5, 2)");
  });

  test("user types nest inside lists and dicts both ways, over the framed lane too", async () => {
    const { py: framed } = await startSnakepitOnPool("framed", { env: fixturesEnv, typeModules: ["geometry_fixtures"], workers: 1 });
    try {
      const result = await framed.call<{ centroid: Point }>("geometry_fixtures.centroid", [[new Point(0, 0), new Point(2, 0), new Point(1, 3)]]);
      expect(result.centroid).toBeInstanceOf(Point);
      expect(result.centroid).toEqual(new Point(1, 1));
    } finally {
      await framed.close();
    }
  });

  test("a user type Node has not registered fails with a CodecError naming it", async () => {
    typeRegistry.unregister("geometry.Point");
    try {
      const call = py.call("geometry_fixtures.make_point", [1, 2]);
      await expect(call).rejects.toThrow(CodecError);
      await expect(py.call("geometry_fixtures.make_point", [1, 2])).rejects.toThrow(/"geometry\.Point".*register/);
    } finally {
      typeRegistry.register({
        name: "geometry.Point",
        is: (value): value is Point => value instanceof Point,
        toWire: (point) => [point.x, point.y],
        fromWire: (data) => new Point(...(data as [number, number])),
      });
    }
  });
});
