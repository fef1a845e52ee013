import { typeRegistry } from "@snakepit/core";
import { describe, expect, it } from "vitest";
import { PayloadCodec } from "../../src/codec/payload-codec.js";
import type { ClientFrame } from "../../src/gen/snakepit/v1/bridge_pb.js";
import { PollGrant } from "../../src/session/poll-grant.js";
import { SessionMultiplexer } from "../../src/session/session-multiplexer.js";

describe("the poll grant", () => {
  it("is held by one session at a time while it has calls in flight", () => {
    const grant = new PollGrant();
    const first = { inFlight: 32 };
    const second = { inFlight: 32 };
    expect(grant.take(first)).toBe(true);
    expect(grant.take(second)).toBe(false);
    expect(grant.take(first)).toBe(true);
    first.inFlight = 0;
    expect(grant.take(second)).toBe(true); // its holder had nothing in flight
    expect(grant.take(first)).toBe(false);
    grant.release(second);
    expect(grant.take(first)).toBe(true);
  });
});

/** A session whose worker never answers; every frame it sends is kept. */
function recordingSession(grant: PollGrant, spinMicros?: number): { session: SessionMultiplexer; frames: ClientFrame[] } {
  let id = 1n;
  const frames: ClientFrame[] = [];
  const session = new SessionMultiplexer({
    endpoint: "w",
    codec: new PayloadCodec("w", typeRegistry, false),
    open: () => ({ send: (frame) => frames.push(frame), close: () => undefined }),
    nextId: () => id++,
    onBroken: () => undefined,
    pollGrant: grant,
    ...(spinMicros !== undefined ? { spinMicros } : {}),
  });
  return { session, frames };
}

function sendMany(session: SessionMultiplexer, count: number): void {
  for (let index = 0; index < count; index++) void session.call({ target: "operator.add", args: [index, 1] }).catch(() => undefined);
}

describe("frames of many calls ask the worker to poll for the next one", () => {
  it("only on the session that holds the grant", async () => {
    const grant = new PollGrant();
    const first = recordingSession(grant);
    const second = recordingSession(grant);
    sendMany(first.session, 32);
    sendMany(second.session, 32);
    await Promise.resolve();
    expect(first.frames.map((frame) => frame.clientPolling)).toEqual([true]);
    expect(second.frames.map((frame) => frame.clientPolling)).toEqual([false]);
    first.session.close(); // gives the grant back
    sendMany(second.session, 8);
    await Promise.resolve();
    expect(second.frames.map((frame) => frame.clientPolling)).toEqual([false, true]);
    second.session.close();
  });

  it("never with spinning off (spinMicros 0)", async () => {
    const { session, frames } = recordingSession(new PollGrant(), 0);
    sendMany(session, 32);
    await Promise.resolve();
    expect(frames.map((frame) => frame.clientPolling)).toEqual([false]);
    session.close();
  });
});
