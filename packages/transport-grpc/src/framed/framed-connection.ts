import { connect, type Socket } from "node:net";
import type { ClientFrame, ServerFrame } from "../gen/snakepit/v1/bridge_pb.js";
import { giveBackLargeBuffer, isLentLargeBuffer } from "../codec/large-buffer-pool.js";
import { decodeServerFrame, encodeClientFrame } from "../wire/frame-codec.js";
import { RpcFailure, Status } from "../wire/rpc-failure.js";

/** Receives what arrives on a fast-lane connection. */
export interface FramedListener {
  frame(frame: ServerFrame): void;
  /** The connection ended; `error` is set unless `close()` ended it. */
  ended(error?: unknown): void;
}

const unauthenticated = 16;
const headerBytes = 4;

/**
 * One connection to a worker's fast-lane socket (python/snakepit_bridge/framed.py):
 * the token first, then ClientFrames out and ServerFrames in, each prefixed
 * with its length (uint32, little endian). The same messages as the Session
 * RPC without HTTP/2, so a frame costs a syscall each way instead of
 * grpcio's per-message work.
 */
export class FramedConnection {
  readonly #socket: Socket;
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  /** Bytes needed before the next message can be read: a header, or the whole message once its header is known. */
  #needed = headerBytes;
  #closing = false;
  #ended = false;

  constructor(path: string, token: string | undefined, private readonly listener: FramedListener) {
    this.#socket = connect(path);
    this.#socket.setNoDelay(true);
    this.#socket.on("data", (chunk: Buffer) => this.#receive(chunk));
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

  #receive(chunk: Buffer): void {
    // Chunks of a big message are kept apart and joined once it is complete, not on every chunk.
    this.#pending.push(chunk);
    this.#pendingBytes += chunk.length;
    if (this.#pendingBytes < this.#needed) return;
    let buffered = this.#pending.length === 1 ? chunk : Buffer.concat(this.#pending, this.#pendingBytes);
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#needed = headerBytes;
    while (buffered.length >= headerBytes) {
      const length = buffered.readUInt32LE(0);
      if (buffered.length < headerBytes + length) {
        this.#needed = headerBytes + length;
        break;
      }
      const frame = decodeServerFrame(buffered.subarray(headerBytes, headerBytes + length));
      buffered = buffered.subarray(headerBytes + length);
      const refusal = frame.replies.length === 1 && frame.replies[0]?.id === 0n ? frame.replies[0].outcome : undefined;
      if (refusal?.case === "error") {
        this.#end(new RpcFailure(unauthenticated, refusal.value.message));
        this.#socket.destroy();
        return;
      }
      this.listener.frame(frame);
      if (this.#ended) return;
    }
    if (buffered.length > 0) {
      this.#pending.push(buffered);
      this.#pendingBytes = buffered.length;
    }
  }

  #end(error: unknown): void {
    if (this.#ended) return;
    this.#ended = true;
    this.listener.ended(this.#closing ? undefined : error);
  }
}
