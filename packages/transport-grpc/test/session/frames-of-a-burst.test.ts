import { typeRegistry } from "@snakepit/core";
import { describe, expect, it } from "vitest";
import { PayloadCodec } from "../../src/codec/payload-codec.js";
import type { ClientFrame } from "../../src/gen/snakepit/v1/bridge_pb.js";
import { SessionMultiplexer } from "../../src/session/session-multiplexer.js";

describe("a burst of calls in one turn of the event loop", () => {
  it("leaves in frames of at most 32 calls, the first before the burst ends, so the worker starts on it at once", async () => {
    const frames: ClientFrame[] = [];
    let id = 1n;
    const session = new SessionMultiplexer({
      endpoint: "w",
      codec: new PayloadCodec("w", typeRegistry, false),
      open: () => ({ send: (frame) => frames.push(frame), close: () => undefined }),
      nextId: () => id++,
      onBroken: () => undefined,
      spinMicros: 0,
    });
    const sentBeforeTheBurstEnded: number[] = [];
    for (let index = 0; index < 80; index++) {
      void session.call({ target: "operator.add", args: [index, 1] }).catch(() => undefined);
      sentBeforeTheBurstEnded.push(frames.length);
    }
    expect(sentBeforeTheBurstEnded[31]).toBe(1);
    expect(sentBeforeTheBurstEnded[63]).toBe(2);
    await Promise.resolve();
    // Each frame's calls of one path travel as one MAP call; the members are 32, 32 and the 16 left.
    expect(frames).toHaveLength(3);
    expect(frames.map((frame) => frame.calls.length)).toEqual([1, 1, 1]);
    session.close();
  });
});
