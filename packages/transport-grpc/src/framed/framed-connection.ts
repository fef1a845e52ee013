import { connect, type Socket } from "node:net";
import type { ClientFrame, ServerFrame } from "../gen/snakepit/v1/bridge_pb.js";
import { giveBackLargeBuffer, isLentLargeBuffer } from "../codec/large-buffer-pool.js";
import { decodeServerFrame, encodeClientFrame } from "../wire/frame-codec.js";
import { RpcFailure, Status } from "../wire/rpc-failure.js";
import { FrameReader, headerBytes } from "./frame-reader.js";
import { takeResultBuffer } from "../codec/result-buffer-pool.js";
import { firstPayloadDataOffset } from "../wire/payload-data-offset.js";

/** Receives what arrives on a fast-lane connection. */
export interface FramedListener {
  frame(frame: ServerFrame): void;
  /** The connection ended; `error` is set unless `close()` ended it. */
  ended(error?: unknown): void;
}

const unauthenticated = 16;

/**
 * Memory for a message read in place: from 1 MiB on, the pooled memory of
 * large results (result-buffer-pool.ts; values decoded from it view a
 * SharedArrayBuffer, as results through /dev/shm do); smaller, a plain Buffer.
 */
function messageMemory(bytes: number): Uint8Array {
  return bytes >= pooledFrom ? takeResultBuffer(bytes) : Buffer.allocUnsafeSlow(bytes);
}

const pooledFrom = 1 << 20;

/**
 * One connection to a worker's fast-lane socket (python/snakepit_bridge/framed.py):
 * the token first, then ClientFrames out and ServerFrames in, each prefixed
 * with its length (uint32, little endian). The same messages as the Session
 * RPC without HTTP/2, so a frame costs a syscall each way instead of
 * grpcio's per-message work.
 */
export class FramedConnection {
  readonly #socket: Socket;
  #closing = false;
  #ended = false;

  constructor(path: string, token: string | undefined, private readonly listener: FramedListener) {
    // Reads land in the reader's buffers (frame-reader.ts): no buffer per read, large messages read in place.
    const reader = new FrameReader((message) => this.#receive(message), { allocate: messageMemory, dataOffset: firstPayloadDataOffset });
    this.#socket = connect({ path, onread: { buffer: () => reader.nextBuffer(), callback: (bytes) => { reader.received(bytes); return true; } } });
    this.#socket.setNoDelay(true);
    this.#socket.on("error", (error) => this.#end(new RpcFailure(Status.unavailable, `fast-lane socket ${path}: ${error.message}`, { cause: error })));
    this.#socket.on("close", () => this.#end(new RpcFailure(Status.unavailable, `the worker closed the fast-lane socket ${path}`)));
    // Written before the socket connects: Node queues it, so the first frame need not wait.
    this.#write(Buffer.from(token ?? "", "utf8"));
  }

  send(frame: ClientFrame): void {
    if (this.#ended) return;
    const segments = encodeClientFrame(frame, headerBytes);
    const [first] = segments;
    if (!first) return;
    const length = segments.reduce((total, segment) => total + segment.byteLength, -headerBytes);
    new DataView(first.buffer, first.byteOffset).setUint32(0, length, true);
    if (segments.length === 1) {
      this.#socket.write(first);
      return;
    }
    // One writev for the frame and its big payloads, which were not copied into it. A payload
    // encoded into a lent buffer goes back to the pool once the socket has written it.
    this.#socket.cork();
    for (const segment of segments) this.#socket.write(segment, isLentLargeBuffer(segment.buffer) ? () => giveBackLargeBuffer(segment.buffer) : undefined);
    this.#socket.uncork();
  }

  close(): void {
    this.#closing = true;
    this.#socket.destroy();
    this.#end(undefined);
  }

  #write(body: Uint8Array): void {
    if (this.#ended) return;
    const message = Buffer.allocUnsafe(headerBytes + body.byteLength);
    message.writeUInt32LE(body.byteLength, 0);
    message.set(body, headerBytes);
    this.#socket.write(message);
  }

  /** One whole ServerFrame; false once the connection has ended (the reader hands over nothing more). */
  #receive(message: Uint8Array): boolean {
    if (this.#ended) return false;
    const frame = decodeServerFrame(message);
    const refusal = frame.replies.length === 1 && frame.replies[0]?.id === 0n ? frame.replies[0].outcome : undefined;
    if (refusal?.case === "error") {
      this.#end(new RpcFailure(unauthenticated, refusal.value.message));
      this.#socket.destroy();
      return false;
    }
    this.listener.frame(frame);
    return !this.#ended;
  }

  #end(error: unknown): void {
    if (this.#ended) return;
    this.#ended = true;
    this.listener.ended(this.#closing ? undefined : error);
  }
}
