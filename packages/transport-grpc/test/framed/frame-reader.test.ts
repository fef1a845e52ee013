import { describe, expect, it } from "vitest";
import { FrameReader, type FrameReaderOptions } from "../../src/framed/frame-reader.js";

/** Length-prefixed messages as the worker writes them. */
function stream(...messages: Uint8Array[]): Uint8Array {
  const parts = messages.flatMap((message) => {
    const header = new Uint8Array(4);
    new DataView(header.buffer).setUint32(0, message.byteLength, true);
    return [header, message];
  });
  return Uint8Array.from(parts.flatMap((part) => [...part]));
}

const message = (length: number, seed: number) => Uint8Array.from({ length }, (_, index) => (index * 7 + seed) % 256);

/** Feeds `bytes` to a reader as a socket would: each read at most `readSize` bytes, into the buffer the reader names. */
function feed(bytes: Uint8Array, readSize: number, options: FrameReaderOptions = {}) {
  const received: Uint8Array[] = [];
  const targets: Uint8Array[] = [];
  const reader = new FrameReader((body) => {
    received.push(Uint8Array.from(body)); // a copy: the test keeps it after the reader moved on
    return true;
  }, options);
  let at = 0;
  while (at < bytes.length) {
    const target = reader.nextBuffer();
    targets.push(target);
    const count = Math.min(readSize, target.byteLength, bytes.length - at);
    target.set(bytes.subarray(at, at + count));
    at += count;
    reader.received(count);
  }
  return { received, targets };
}

describe("splitting the fast lane's bytes into messages", () => {
  it("small messages come out whole and in order, however the reads cut them (header or body)", () => {
    const messages = [message(10, 1), message(0, 2), message(300, 3), message(5, 4)];
    for (const readSize of [1, 3, 4, 7, 64, 1_000]) {
      const { received } = feed(stream(...messages), readSize, { scratchBytes: 64 });
      expect(received).toEqual(messages);
    }
  });

  it("a message larger than what has arrived is read straight into its own memory, and the messages after it still come out", () => {
    const large = message(5_000, 5);
    const allocated: number[] = [];
    const options = { scratchBytes: 256, allocate: (bytes: number) => (allocated.push(bytes), new Uint8Array(bytes)) };
    const { received, targets } = feed(stream(message(20, 6), large, message(30, 7)), 700, options);
    expect(received).toEqual([message(20, 6), large, message(30, 7)]);
    expect(allocated).toEqual([5_000]);
    // After the read that announced it, reads went into the message's own memory, not the 256-byte scratch buffer.
    expect(targets.filter((target) => target.byteLength !== 256).length).toBeGreaterThanOrEqual(5);
  });

  it("places a large message so that its typed data lands 8-byte aligned", () => {
    for (const dataOffset of [0, 3, 13, 29]) {
      const bodies: Uint8Array[] = [];
      const reader = new FrameReader((body) => (bodies.push(body), true), { scratchBytes: 128, allocate: (bytes) => new Uint8Array(bytes), dataOffset: () => dataOffset });
      const bytes = stream(message(2_000, 8));
      let at = 0;
      while (at < bytes.length) {
        const target = reader.nextBuffer();
        const count = Math.min(300, target.byteLength, bytes.length - at);
        target.set(bytes.subarray(at, at + count));
        at += count;
        reader.received(count);
      }
      const [body] = bodies;
      expect(body && (body.byteOffset + dataOffset) % 8).toBe(0);
      expect(body && Array.from(body)).toEqual(Array.from(message(2_000, 8)));
    }
  });

  it("hands over nothing more once the receiver says the connection ended", () => {
    const received: Uint8Array[] = [];
    const reader = new FrameReader((body) => (received.push(body), received.length < 2));
    const bytes = stream(message(3, 1), message(3, 2), message(3, 3));
    reader.nextBuffer().set(bytes);
    reader.received(bytes.length);
    expect(received.length).toBe(2);
  });
});
