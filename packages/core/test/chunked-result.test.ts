import { describe, expect, test } from "vitest";
import { createSnakepit, NDArray, TransportError } from "../src/index.js";
import { InMemoryTransport } from "../src/testing/index.js";

/** Stands in for python/snakepit_bridge/chunks.py: header, then parts of `chunk` bytes or items. */
function* chunks(target: string, args: unknown[]) {
  const chunk = 3;
  const value = target === "data.bytes" ? new Uint8Array(args[0] as number).map((_, index) => index) : target === "data.words" ? ["a", "b", "c", "d", "e"] : "hello world";
  if (value instanceof Uint8Array) {
    yield { kind: "ndarray", dtype: "uint8", shape: [value.length], size: value.length };
    for (let start = 0; start < value.length; start += chunk) yield value.slice(start, start + chunk);
  } else if (Array.isArray(value)) {
    yield { kind: "list" };
    for (let start = 0; start < value.length; start += chunk) yield value.slice(start, start + chunk);
  } else {
    yield { kind: "str" };
    for (let start = 0; start < value.length; start += chunk) yield value.slice(start, start + chunk);
  }
}

const tooLarge = () => new TransportError("data.bytes failed on the connection to worker w1 (RESOURCE_EXHAUSTED: message larger than max); a message exceeded a size limit.");

function transport() {
  return new InMemoryTransport({ "snakepit_bridge.chunks.call": chunks, "data.bytes": (size: number) => new Uint8Array(size) });
}

describe("chunked results", () => {
  test("{ chunked: true } streams the result in parts and joins them", async () => {
    const memory = transport();
    await using py = createSnakepit({ transport: memory });
    const array = await py.call<NDArray>("data.bytes", [10], {}, { chunked: true });
    expect(array).toBeInstanceOf(NDArray);
    expect(Array.from(array.data as Uint8Array)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await py.call("data.words", [], {}, { chunked: true })).toEqual(["a", "b", "c", "d", "e"]);
    expect(await py.call("data.text", [], {}, { chunked: true })).toBe("hello world");
    expect(memory.calls.map((call) => `${call.method} ${call.target}`)).toEqual(Array(3).fill("stream snakepit_bridge.chunks.call"));
  });

  test("a pure call whose result is too large for one message is fetched again in parts", async () => {
    const memory = transport().failNext("data.bytes", tooLarge());
    await using py = createSnakepit({ transport: memory });
    const array = await py.call<NDArray>("data.bytes", [4], {}, { pure: true });
    expect(array.size).toBe(4);
    expect(memory.calls.map((call) => call.method)).toEqual(["call", "stream"]);
  });

  test("a call that is neither pure nor idempotent is not run twice: the error says how to fix it", async () => {
    await using py = createSnakepit({ transport: transport().failNext("data.bytes", tooLarge()) });
    await expect(py.call("data.bytes", [4])).rejects.toThrow(/too large for one message. Call it with \{ chunked: true \}/);
  });
});
