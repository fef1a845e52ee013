import { setTimeout as sleep } from "node:timers/promises";
import { typeRegistry } from "@snakepit/core";
import { describe, expect, it } from "vitest";
import { utilizationOver } from "../support/event-loop-utilization.js";
import { PayloadCodec } from "../../src/codec/payload-codec.js";
import { encodeMappedArguments, toMappedWireCall } from "../../src/session/mapped-batch.js";
import type { ClientFrame } from "../../src/gen/snakepit/v1/bridge_pb.js";
import { SessionMultiplexer } from "../../src/session/session-multiplexer.js";

/** A session whose worker never answers (the frames it sends go to `frames`), by default with a 60 ms awake window (long enough to see). */
function silentSession(frames: ClientFrame[] = [], spinMicros = 60_000): SessionMultiplexer {
  let id = 1n;
  return new SessionMultiplexer({
    endpoint: "w",
    codec: new PayloadCodec("w", typeRegistry, false),
    open: () => ({ send: (frame) => frames.push(frame), close: () => undefined }),
    nextId: () => id++,
    onBroken: () => undefined,
    spinMicros,
  });
}

describe("when the session keeps the event loop awake", () => {
  it("after a lone call, whose reply is due within a round trip", async () => {
    const session = silentSession();
    void session.call({ target: "operator.add", args: [1, 2] }).catch(() => undefined);
    expect(await utilizationOver(40)).toBeGreaterThan(0.5);
    session.close();
  });

  it("after a lone MAP batch (coalesced calls): one worker is busy, the reply follows within a round trip", async () => {
    await sleep(80); // the previous test's window closes
    const session = silentSession();
    const requests = Array.from({ length: 64 }, (_, index) => ({ target: "operator.add", args: [index, 1] }));
    const encoded = encodeMappedArguments(requests, new PayloadCodec("w", typeRegistry, false));
    if (!encoded) throw new Error("a uniform batch of plain calls always has MAP arguments");
    void session.send({ target: "operator.add" }, (id) => toMappedWireCall("operator.add", requests, encoded, id, {})).catch(() => undefined);
    expect(await utilizationOver(40)).toBeGreaterThan(0.5);
    session.close();
  });

  it("after a frame of many calls too, while their replies come back within the window", async () => {
    await sleep(80); // the previous test's window closes
    const session = silentSession();
    for (let index = 0; index < 8; index++) void session.call({ target: "operator.add", args: [index, 1] }).catch(() => undefined);
    expect(await utilizationOver(40)).toBeGreaterThan(0.5);
    session.close();
  });

  it("but the worker is asked to poll after a lone request only: two polling workers would take Node's core", async () => {
    const frames: ClientFrame[] = [];
    const session = silentSession(frames, 1_000);
    void session.call({ target: "operator.add", args: [1, 2] }).catch(() => undefined);
    await Promise.resolve();
    for (let index = 0; index < 8; index++) void session.call({ target: "operator.add", args: [index, 1] }).catch(() => undefined);
    await Promise.resolve();
    expect(frames.map((frame) => frame.clientPolling)).toEqual([true, false]);
    session.close();
  });
});
