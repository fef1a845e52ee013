import { describe, expect, it } from "vitest";
import { callbackSignal, ToolRegistry } from "@snakepit/core";
import { create } from "@bufbuild/protobuf";
import { PayloadCodec } from "../../src/codec/payload-codec.js";
import { collectCallbacks } from "../../src/codec/callback-extension.js";
import { CallbackInvocationSchema, type CallbackReply } from "../../src/gen/snakepit/v1/bridge_pb.js";
import { CallbackTable } from "../../src/session/callback-table.js";

const codec = new PayloadCodec("test");

function invoke(table: CallbackTable, fields: { handle?: bigint; tool?: string; args?: unknown[]; kwargs?: Record<string, unknown>; id?: bigint }): Promise<CallbackReply> {
  const invocation = create(CallbackInvocationSchema, {
    id: fields.id ?? 1n,
    handle: fields.handle ?? 0n,
    tool: fields.tool ?? "",
    args: fields.args ? codec.encode(fields.args) : new Uint8Array(0),
    kwargs: fields.kwargs ? codec.encode(fields.kwargs) : new Uint8Array(0),
  });
  return new Promise((resolve) => table.run(invocation, resolve));
}

function valueOf(reply: CallbackReply): unknown {
  if (reply.outcome.case !== "value") throw new Error(`expected a value, got ${JSON.stringify(reply.outcome.value)}`);
  return codec.decode(reply.outcome.value);
}

describe("CallbackTable", () => {
  it("gives one call's functions handles (a function twice: one handle) and runs them by handle", async () => {
    const table = new CallbackTable(codec);
    const add = (a: number, b: number): number => a + b;
    const encoded = collectCallbacks(table.collector(), () => codec.encode([add, add, async () => 1]));
    expect(table.size).toBe(2);
    expect(encoded.byteLength).toBeGreaterThan(0);
    expect(valueOf(await invoke(table, { handle: 1n, args: [2, 3] }))).toBe(5);
    expect(valueOf(await invoke(table, { handle: 2n }))).toBe(1);
    table.release([1n, 2n]);
    const released = await invoke(table, { handle: 1n, args: [1, 1] });
    expect(released.outcome.case === "error" && released.outcome.value.code).toBe("released");
  });

  it("refuses a function outside a call's arguments, saying where functions go", () => {
    expect(() => codec.encode([() => 1])).toThrow(/only in the arguments of call\(\)/);
  });

  it("passes keyword arguments as one last object and gives the function its signal", async () => {
    const table = new CallbackTable(codec);
    let signal: AbortSignal | undefined;
    const seen: unknown[] = [];
    collectCallbacks(table.collector(), () => codec.encode([(...args: unknown[]) => { signal = callbackSignal(); seen.push(...args); }]));
    await invoke(table, { handle: 1n, args: [1], kwargs: { step: 2 } });
    expect(seen).toEqual([1, { step: 2 }]);
    expect(signal?.aborted).toBe(false);
  });

  it("aborts the signal of an async callback Python stopped waiting for", async () => {
    const table = new CallbackTable(codec);
    let signal: AbortSignal | undefined;
    collectCallbacks(table.collector(), () => codec.encode([async () => {
      signal = callbackSignal();
      await new Promise((resolve) => signal?.addEventListener("abort", resolve));
      return "stopped";
    }]));
    const reply = invoke(table, { handle: 1n, id: 7n });
    table.abort([7n]);
    expect(valueOf(await reply)).toBe("stopped");
    expect(signal?.aborted).toBe(true);
  });

  it("sends what a callback threw: name, message and stack", async () => {
    const table = new CallbackTable(codec);
    collectCallbacks(table.collector(), () => codec.encode([function thrower() { throw new RangeError("too far"); }]));
    const reply = await invoke(table, { handle: 1n });
    expect(reply.outcome.case).toBe("error");
    if (reply.outcome.case !== "error") return;
    expect(reply.outcome.value).toMatchObject({ name: "RangeError", message: "too far", code: "" });
    expect(reply.outcome.value.stack).toContain("thrower");
  });

  it("runs exposed tools by name, validates them, and names the exposed ones when Python asks for another", async () => {
    const table = new CallbackTable(codec);
    const tools = new ToolRegistry();
    tools.expose("double", (value: number) => value * 2, { validate: (args) => { if (typeof args[0] !== "number") throw new TypeError("double takes a number"); } });
    table.tools = tools;
    expect(valueOf(await invoke(table, { tool: "double", args: [21] }))).toBe(42);
    const invalid = await invoke(table, { tool: "double", args: ["x"] });
    expect(invalid.outcome.case === "error" && invalid.outcome.value.message).toBe("double takes a number");
    const missing = await invoke(table, { tool: "read_file" });
    expect(missing.outcome.case === "error" && missing.outcome.value).toMatchObject({ code: "not_found", message: expect.stringContaining("(exposed: double)") });
  });

  it("reports a result it cannot send as an encode error", async () => {
    const table = new CallbackTable(codec);
    collectCallbacks(table.collector(), () => codec.encode([() => new (class Opaque {})()]));
    const reply = await invoke(table, { handle: 1n });
    expect(reply.outcome.case === "error" && reply.outcome.value.code).toBe("encode");
  });
});
