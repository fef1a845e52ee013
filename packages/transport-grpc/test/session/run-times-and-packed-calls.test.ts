import { create } from "@bufbuild/protobuf";
import { typeRegistry } from "@snakepit/core";
import { describe, expect, it } from "vitest";
import { PayloadCodec } from "../../src/codec/payload-codec.js";
import { CallReplySchema, ServerFrameSchema, type CallReply, type ClientFrame } from "../../src/gen/snakepit/v1/bridge_pb.js";
import type { SessionListener } from "../../src/session/bridge-rpc.js";
import { encodeMappedArguments, toMappedWireCall } from "../../src/session/mapped-batch.js";
import { RunTimeReport } from "../../src/session/run-time-report.js";
import { SessionMultiplexer } from "../../src/session/session-multiplexer.js";

/** A session whose frames go to `frames` and whose worker answers only when the test says so (`answer`). */
function scriptedSession(onRunTime?: (target: string, micros: number) => void) {
  const frames: ClientFrame[] = [];
  let listener: SessionListener | undefined;
  let id = 1n;
  const session = new SessionMultiplexer({
    endpoint: "w",
    codec: new PayloadCodec("w", typeRegistry, false),
    open: (opened) => {
      listener = opened;
      return { send: (frame) => frames.push(frame), close: () => undefined };
    },
    nextId: () => id++,
    onBroken: () => undefined,
    spinMicros: 1_000,
    ...(onRunTime ? { onRunTime } : {}),
  });
  const answer = (replies: CallReply[], runMicros: number) => listener?.frame(create(ServerFrameSchema, { replies, runMicros }));
  return { session, frames, answer };
}

/** MessagePack of a small whole number, as a worker encodes a result. */
const three = new Uint8Array([3]);
const reply = (id: bigint, value = three) => create(CallReplySchema, { id, outcome: { case: "value", value } });
/** A MAP call's result: [results, failures]. */
const mapReply = (id: bigint, count: number) => reply(id, new Uint8Array([0x92, 0x90 + count, ...Array<number>(count).fill(3), 0x90]));

describe("the run time a worker reports with its replies", () => {
  it("a frame of one path gives that path's time per call; a MAP call counts as its members", async () => {
    const seen: [string, number][] = [];
    const { session, frames, answer } = scriptedSession((target, micros) => seen.push([target, micros]));
    const calls = Array.from({ length: 8 }, (_, index) => session.call({ target: "operator.add", args: [index, 1] }));
    await Promise.resolve();
    const mapped = frames[0]?.calls[0];
    expect(frames[0]?.calls).toHaveLength(1); // folded into one MAP call of 8 members
    answer([mapReply(mapped?.id ?? 0n, 8)], 40);
    await expect(Promise.all(calls)).resolves.toEqual(Array(8).fill(3));
    expect(seen).toEqual([["operator.add", 5]]);
    session.close();
  });

  it("an explicit batch sent as one MAP call counts as its calls too", async () => {
    const seen: [string, number][] = [];
    const { session, frames, answer } = scriptedSession((target, micros) => seen.push([target, micros]));
    const requests = Array.from({ length: 12 }, (_, index) => ({ target: "operator.add", args: [index, 1] }));
    const encoded = encodeMappedArguments(requests, new PayloadCodec("w", typeRegistry, false));
    if (!encoded) throw new Error("a uniform batch of plain calls always has MAP arguments");
    const batch = session.send({ target: "operator.add", calls: 12 }, (id) => toMappedWireCall("operator.add", requests, encoded, id, {}));
    await Promise.resolve();
    answer([mapReply(frames[0]?.calls[0]?.id ?? 0n, 12)], 24);
    await batch;
    expect(seen).toEqual([["operator.add", 2]]);
    session.close();
  });

  it("a frame of several paths tells each the frame's whole time: it cannot say which call took it", async () => {
    const seen: [string, number][] = [];
    const { session, frames, answer } = scriptedSession((target, micros) => seen.push([target, micros]));
    const calls = [session.call({ target: "operator.add", args: [1, 2] }), session.call({ target: "time.sleep", args: [0.01] }), session.call({ target: "operator.add", args: [1, 2] })];
    await Promise.resolve();
    answer((frames[0]?.calls ?? []).map((call) => reply(call.id)), 10_050);
    await Promise.all(calls);
    expect(seen).toEqual([["operator.add", 10_050], ["time.sleep", 10_050]]);
    session.close();
  });

  it("nothing is told for a frame without a run time (an older worker) or without a listener", () => {
    const seen: unknown[] = [];
    const report = new RunTimeReport(0, (...args) => seen.push(args));
    report.tell(); // no replies added: nothing to say
    const { session, frames, answer } = scriptedSession();
    void session.call({ target: "operator.add", args: [1, 2] });
    return Promise.resolve().then(() => {
      answer([reply(frames[0]?.calls[0]?.id ?? 0n)], 12);
      expect(seen).toEqual([]);
      session.close();
    });
  });
});

describe("calls the pool packs onto this worker", () => {
  it("ask the worker to poll after answering, however many the frame carries; calls spread by load do not", async () => {
    const { session, frames } = scriptedSession();
    for (let index = 0; index < 8; index++) void session.call({ target: "operator.add", args: [index, 1] }, { packed: true }).catch(() => undefined);
    await Promise.resolve();
    for (let index = 0; index < 8; index++) void session.call({ target: "operator.add", args: [index, 1] }).catch(() => undefined);
    await Promise.resolve();
    expect(frames.map((frame) => frame.clientPolling)).toEqual([true, false]);
    session.close();
  });
});
