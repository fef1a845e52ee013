import { describe, expect, test } from "vitest";
import { mapDeep } from "../src/facade/refs.js";

const double = (value: unknown) => (typeof value === "number" ? value * 2 : value);

describe("mapDeep", () => {
  test("hands back the very same containers when nothing is replaced", () => {
    const value = { list: [1, "a", { deep: ["b"] }], name: "x" };
    const unchanged = mapDeep(value, (item) => item);
    expect(unchanged).toBe(value);
  });

  test("rebuilds only the containers on the way to a replaced value", () => {
    const untouched = ["kept"];
    const value = { a: [untouched, 1, "s"], b: untouched };
    const mapped = mapDeep(value, double) as { a: unknown[]; b: unknown };
    expect(mapped).toEqual({ a: [["kept"], 2, "s"], b: ["kept"] });
    expect(mapped).not.toBe(value);
    expect(mapped.a[0]).toBe(untouched);
    expect(mapped.b).toBe(untouched);
    expect(value.a[1]).toBe(1);
  });

  test("a replaced value under a __proto__ key stays a plain key", () => {
    const value = JSON.parse('{"__proto__": 1, "other": "x"}') as Record<string, unknown>;
    const mapped = mapDeep(value, double) as Record<string, unknown>;
    expect(Object.getPrototypeOf(mapped)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(mapped, "__proto__")?.value).toBe(2);
    expect(mapped.other).toBe("x");
  });
});
