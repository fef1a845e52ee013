import type { Description } from "@snakepit/core";
import { TypeRegistry } from "@snakepit/core";
import { describe, expect, test } from "vitest";
import { lockCatalog } from "../src/catalog/lock-catalog.js";
import { generateBindings } from "../src/codegen/generate-bindings.js";
import { tsTypeFor, withUserTypes } from "../src/codegen/type-mapping.js";
import { FixedIntrospector } from "./support/fixed-introspector.js";

class Point {
  constructor(readonly x: number, readonly y: number) {}
}

const registry = new TypeRegistry().register({
  name: "geometry.Point",
  pythonType: "geometry.Point",
  tsType: "Point",
  tsImport: "./points.js",
  is: (value): value is Point => value instanceof Point,
  toWire: (point) => [point.x, point.y],
  fromWire: (data) => new Point(...(data as [number, number])),
});

const descriptions: Description[] = [
  { kind: "module", path: "geometry", name: "geometry", members: [{ name: "midpoint", kind: "function" }, { name: "Point", kind: "class" }] },
  {
    kind: "function", path: "geometry.midpoint", name: "midpoint", isAsync: false, isGenerator: false,
    parameters: [{ name: "a", kind: "positional_or_keyword", annotation: "Point" }, { name: "b", kind: "positional_or_keyword", annotation: "geometry.Point" }],
    returns: "list[Point] | None",
  },
  { kind: "class", path: "geometry.Point", name: "Point", bases: [], methods: [], parameters: [{ name: "x", kind: "positional_or_keyword" }, { name: "y", kind: "positional_or_keyword" }] },
];

describe("user types in generated bindings", () => {
  test("annotations naming a registered Python class map to its TS type, qualified or not", () => {
    withUserTypes(registry.tsTypeMap(), () => {
      expect(tsTypeFor("myproject.Point", "parameter")).toBe("unknown");
      expect(tsTypeFor("geometry.Point", "parameter")).toBe("Point");
      expect(tsTypeFor("Optional[list[Point]]", "result")).toBe("Point[] | null");
    });
    expect(tsTypeFor("geometry.Point", "parameter")).toBe("unknown");
  });

  test("the generated module imports the TS type and generates no remote class for it", async () => {
    const { lock } = await lockCatalog({ geometry: { path: "./geometry", functions: ["midpoint"], classes: ["Point"] } }, new FixedIntrospector(descriptions), { python: "3.11.7" });
    const files = generateBindings(lock, { userTypes: registry.tsTypeMap() });
    const geometry = files.find((file) => file.path === "snakepit.generated/geometry.ts")?.text ?? "";
    expect(geometry).toContain('import type { Point } from "../points.js";');
    expect(geometry).toContain("a: Point,");
    expect(geometry).toContain("b: Point,");
    expect(geometry).toContain("Promise<Point[] | null>");
    expect(geometry).not.toMatch(/class Point/);
    const plain = generateBindings(lock).find((file) => file.path === "snakepit.generated/geometry.ts")?.text ?? "";
    expect(plain).not.toContain("points.js");
    expect(plain).toMatch(/class Point/);
  });
});
