import { CallKind } from "../../src/gen/snakepit/v1/bridge_pb.js";
import { CancelledError, CodecError, NotFoundError, PythonError, RemoteRef, TimeoutError, TransportError } from "@snakepit/core";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BridgeTransport } from "../../src/bridge-transport.js";
import { FakeBridgeServer, RaisedInPython } from "../support/fake-bridge-server.js";
import { implementations } from "../support/implementations.js";

const token = "s3cret";

function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => signal.addEventListener("abort", () => reject(new RaisedInPython("KeyboardInterrupt", "cancelled", "cancelled")), { once: true }));
}

describe.each(implementations)("%s transport against a fake bridge", (_name, createTransport) => {
  let server: FakeBridgeServer;
  let transport: BridgeTransport;

  beforeAll(async () => {
    server = await new FakeBridgeServer({
      "operator.add": ([a, b]) => {
        if (typeof a !== "number" || typeof b !== "number") throw new RaisedInPython("TypeError", "unsupported operand type(s) for +");
        return a + b;
      },
      "operator.sub": ([a, b]) => (a as number) - (b as number),
      "operator.mul": ([a, b]) => (a as number) * (b as number),
      "echo": (args, kwargs) => ({ args, kwargs }),
      "slow": (_args, _kwargs, signal) => untilAborted(signal),
      "boom": () => {
        throw new RaisedInPython("ValueError", "bad value");
      },
      "make": () => new RemoteRef("r1", "collections.Counter"),
      "count": ([n]) => (function* () {
        for (let index = 0; index < (n as number); index++) yield index;
      })(),
      "failing_stream": () => (function* () {
        yield 1;
        throw new RaisedInPython("RuntimeError", "generator broke");
      })(),
    }, token).start();
    transport = createTransport({ id: "w1", address: server.address, token });
  });

  afterAll(async () => {
    await transport.close();
    await server.stop();
  });

  it("calls over the session and sends the token", async () => {
    await expect(transport.call({ target: "operator.add", args: [2, 3] })).resolves.toBe(5);
    expect(server.tokens.at(-1)).toBe(token);
  });

  it("passes args and kwargs", async () => {
    await expect(transport.call({ target: "echo", args: [1, "a"], kwargs: { k: true } })).resolves.toEqual({ args: [1, "a"], kwargs: { k: true } });
  });

  it("coalesces calls of the same turn into one frame", async () => {
    const before = server.frames.length;
    const paths = ["operator.add", "operator.sub", "operator.mul"];
    const results = await Promise.all(Array.from({ length: 3 }, (_, index) => transport.call({ target: paths[index] ?? "", args: [index, 1] })));
    expect(results).toEqual([1, 0, 2]);
    expect(server.frames.length - before).toBe(1);
    expect(server.frames.at(-1)?.calls.map((call) => call.target)).toEqual(paths);
  });

  it("folds four or more plain calls of one path in a frame into one MAP call; each settles on its own", async () => {
    const before = server.frames.length;
    const settled = await Promise.allSettled([
      // 29 + 2 calls: under the 32 a frame takes before it leaves (session-multiplexer.ts), so one frame.
      ...Array.from({ length: 29 }, (_, index) => transport.call({ target: "operator.add", args: index === 7 ? [1, "x"] : [index, 1] })),
      transport.call({ target: "operator.sub", args: [5, 1] }),
      transport.call({ target: "operator.add", args: [1, 1] }, { timeoutMs: 5_000 }),
    ]);
    expect(settled.map((outcome) => (outcome.status === "fulfilled" ? outcome.value : (outcome.reason as PythonError).pythonType))).toEqual([
      ...Array.from({ length: 29 }, (_, index) => (index === 7 ? "TypeError" : index + 1)), 4, 2,
    ]);
    expect(server.frames.length - before).toBe(1);
    const calls = server.frames.at(-1)?.calls ?? [];
    // The MAP call takes the first folded call's place; a call with a deadline stays on its own.
    expect(calls.map((call) => [call.target, call.kind])).toEqual([["operator.add", CallKind.MAP], ["operator.sub", CallKind.CALL], ["operator.add", CallKind.CALL]]);
  });

  it("stamps refs with the endpoint id", async () => {
    await expect(transport.call({ target: "make" })).resolves.toEqual(new RemoteRef("r1", "collections.Counter", "w1"));
  });

  it("maps a Python exception to PythonError with its traceback", async () => {
    const error = await transport.call({ target: "boom" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PythonError);
    expect(error).toMatchObject({ pythonType: "ValueError", pythonMessage: "bad value", target: "boom" });
    expect((error as PythonError).traceback).toContain("Traceback");
  });

  it("maps bridge codes to typed errors", async () => {
    await expect(transport.call({ target: "nope.missing" })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("rejects a value the codec refuses, before sending", async () => {
    await expect(transport.call({ target: "echo", args: [Symbol("not data")] })).rejects.toBeInstanceOf(CodecError);
  });

  it("times out at the deadline and cancels on the Python side", async () => {
    const started = Date.now();
    await expect(transport.call({ target: "slow" }, { timeoutMs: 50 })).rejects.toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(1_000);
    await sleep(50);
    expect(server.cancelled.length).toBeGreaterThan(0);
  });

  it("cancels on abort", async () => {
    const controller = new AbortController();
    const pending = transport.call({ target: "slow" }, { signal: controller.signal });
    await sleep(20);
    const cancelledBefore = server.cancelled.length;
    controller.abort(new Error("user gave up"));
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
    await sleep(50);
    expect(server.cancelled.length).toBe(cancelledBefore + 1);
  });

  it("rejects at once when the signal is already aborted", async () => {
    await expect(transport.call({ target: "slow" }, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(CancelledError);
  });

  it("settles batch slots on their own", async () => {
    const outcomes = await transport.batch([
      { target: "operator.add", args: [1, 2] },
      { target: "boom" },
      { target: "echo", args: [() => 1] },
      { target: "operator.add", args: [3, 4] },
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "rejected", "rejected", "fulfilled"]);
    expect(outcomes[0]).toEqual({ status: "fulfilled", value: 3 });
    expect(outcomes[1]?.status === "rejected" && outcomes[1].reason).toBeInstanceOf(PythonError);
    expect(outcomes[2]?.status === "rejected" && outcomes[2].reason).toBeInstanceOf(CodecError);
  });

  it("cancels the rest of a batch after a failure with stopOnError", async () => {
    const outcomes = await transport.batch([{ target: "boom" }, { target: "operator.add", args: [1, 1] }], { stopOnError: true });
    expect(outcomes[1]?.status === "rejected" && outcomes[1].reason).toBeInstanceOf(CancelledError);
  });

  it("streams items", async () => {
    const items: unknown[] = [];
    for await (const item of transport.stream({ target: "count", args: [5] })) items.push(item);
    expect(items).toEqual([0, 1, 2, 3, 4]);
  });

  it("stops the generator when the loop breaks, without reading ahead unboundedly", async () => {
    let seen = 0;
    for await (const _ of transport.stream({ target: "count", args: [1_000_000] })) {
      if (++seen === 3) break;
    }
    await sleep(100);
    expect(server.streamState.closed).toBe(true);
    expect(server.streamState.produced).toBeLessThan(100_000);
  });

  it("raises a generator's exception after the items before it", async () => {
    const items: unknown[] = [];
    const failure = (async () => {
      for await (const item of transport.stream({ target: "failing_stream" })) items.push(item);
    })();
    await expect(failure).rejects.toBeInstanceOf(PythonError);
    expect(items).toEqual([1]);
  });

  it("releases refs", async () => {
    await transport.release([new RemoteRef("r1", "collections.Counter", "w1")]);
    expect(server.released).toContain("r1");
  });

  it("describes a target and maps a missing one to NotFoundError", async () => {
    await expect(transport.describe("operator.add")).resolves.toMatchObject({ kind: "function", name: "add" });
    await expect(transport.describe("nope")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("reports health of its one endpoint", async () => {
    const health = await transport.health();
    expect(health.ready).toBe(true);
    expect(health.endpoints).toEqual([expect.objectContaining({ id: "w1", ready: true, pythonVersion: "3.11.0" })]);
  });

  it("fails pending calls with TransportError when the session breaks, tells onBroken, and reopens", async () => {
    const broken: TransportError[] = [];
    const unsubscribe = transport.onBroken((error) => broken.push(error));
    const pending = transport.call({ target: "slow" });
    await sleep(30);
    server.breakSessions();
    await expect(pending).rejects.toBeInstanceOf(TransportError);
    expect(broken).toHaveLength(1);
    unsubscribe();
    await expect(transport.call({ target: "operator.add", args: [1, 1] })).resolves.toBe(2);
  });

  it("says to check the token when the worker refuses it", async () => {
    const stranger = createTransport({ id: "w2", address: server.address, token: "wrong" });
    await expect(stranger.health()).rejects.toThrow(/token/);
    await expect(stranger.call({ target: "operator.add", args: [1, 1] })).rejects.toBeInstanceOf(TransportError);
    await stranger.close();
  });

  it("says what to check when nothing listens", async () => {
    const lonely = createTransport({ id: "w3", address: `${server.folder}/nobody.sock` });
    await expect(lonely.call({ target: "operator.add", args: [1, 1] })).rejects.toThrow(/running and listening/);
    await lonely.close();
  });

  it("rejects pending calls on close and stays closed", async () => {
    const other = createTransport({ id: "w4", address: server.address, token });
    const pending = other.call({ target: "slow" });
    await sleep(20);
    await other.close();
    await other.close();
    await expect(pending).rejects.toBeInstanceOf(TransportError);
    await expect(other.call({ target: "operator.add", args: [1, 1] })).rejects.toBeInstanceOf(TransportError);
  });
});
