import { describe, expect, it } from "vitest";
import { callbackSignal, createSnakepit, invokeWithSignal, PythonError, ToolRegistry } from "../src/index.js";
import { InMemoryTransport } from "../src/testing/index.js";

describe("ToolRegistry", () => {
  it("exposes by Python identifier, refuses duplicates and bad names, and withdraws", () => {
    const tools = new ToolRegistry();
    const withdraw = tools.expose("lookup_price", () => 1);
    expect(tools.names()).toEqual(["lookup_price"]);
    expect(() => tools.expose("lookup_price", () => 2)).toThrow(/already exposed/);
    expect(() => tools.expose("os.system", () => 2)).toThrow(/use a Python identifier/);
    expect(() => tools.expose("x", "not a function" as unknown as () => void)).toThrow(/expected a function/);
    withdraw();
    expect(tools.get("lookup_price")).toBeUndefined();
  });
});

describe("callbackSignal", () => {
  it("is the invocation's signal during the function's synchronous start, and a never-aborting one elsewhere", () => {
    const controller = new AbortController();
    const seen = invokeWithSignal(() => callbackSignal(), [], controller.signal);
    expect(seen).toBe(controller.signal);
    expect(callbackSignal()).not.toBe(controller.signal);
    expect(callbackSignal().aborted).toBe(false);
  });
});

describe("Snakepit.expose with the in-memory fake", () => {
  it("lets handlers standing in for Python call exposed tools, validated, and only those", async () => {
    const transport = new InMemoryTransport();
    transport.register("report.total", (symbol: string) => transport.callTool("lookup_price", [symbol]));
    transport.register("report.other", () => transport.callTool("read_file", ["/etc/passwd"]));
    await using py = createSnakepit({ transport });
    py.expose("lookup_price", (symbol: string) => (symbol === "AAPL" ? 190 : 0), {
      validate: ([symbol]) => {
        if (typeof symbol !== "string") throw new TypeError("lookup_price takes a ticker symbol");
      },
    });
    expect(await py.call("report.total", ["AAPL"])).toBe(190);
    await expect(py.call("report.total", [42])).rejects.toThrow(/lookup_price takes a ticker symbol/);
    const refused = await py.call("report.other").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PythonError);
    expect((refused as PythonError).message).toMatch(/no TypeScript tool named "read_file" is exposed \(exposed: lookup_price\)/);
  });

  it("passes TS functions in arguments to handlers, as a worker passes them to Python code", async () => {
    const transport = new InMemoryTransport({ "functools.reduce": async (fn: (a: number, b: number) => number, items: number[]) => items.reduce(fn) });
    await using py = createSnakepit({ transport });
    expect(await py.call("functools.reduce", [(a: number, b: number) => a * b, [1, 2, 3, 4]])).toBe(24);
  });
});
