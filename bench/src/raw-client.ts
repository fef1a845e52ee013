import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { connect, type Socket } from "node:net";
import { createInterface } from "node:readline";
import { Decoder, Encoder } from "@msgpack/msgpack";

/**
 * The raw baseline's client: length-prefixed MessagePack frames, one call per
 * frame, over stdio pipes or a Unix socket — the floor every Snakepit figure
 * is compared with (bench/python/raw_server.py is the other end).
 */
export class RawClient {
  readonly #pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  readonly #encoder = new Encoder();
  readonly #decoder = new Decoder();
  #nextId = 1;
  #buffered: Buffer = Buffer.alloc(0);

  private constructor(private readonly child: ChildProcess, private readonly write: (frame: Buffer) => void) {}

  static async start(python: string, script: string, mode: "stdio" | "socket", socketPath: string): Promise<RawClient> {
    const child = spawn(python, mode === "socket" ? [script, "--socket", socketPath] : [script], { stdio: ["pipe", "pipe", "inherit"] });
    const stdout = child.stdout as NonNullable<ChildProcess["stdout"]>;
    if (mode === "socket") {
      await once(createInterface({ input: stdout }), "line");
      const socket: Socket = connect(socketPath);
      await once(socket, "connect");
      socket.setNoDelay(true);
      const client = new RawClient(child, (frame) => socket.write(frame));
      socket.on("data", (chunk: Buffer) => client.#onData(chunk));
      return client;
    }
    const client = new RawClient(child, (frame) => child.stdin?.write(frame));
    // The ready line may arrive in pieces ("ready", then "\n"): skip bytes up to its newline.
    let ready = false;
    stdout.on("data", (chunk: Buffer) => {
      if (!ready) {
        const newline = chunk.indexOf(10);
        if (newline < 0) return;
        ready = true;
        chunk = chunk.subarray(newline + 1);
      }
      client.#onData(chunk);
    });
    return client;
  }

  call(target: string, args: unknown[]): Promise<unknown> {
    const id = this.#nextId++;
    const body = this.#encoder.encode([id, target, args]);
    const frame = Buffer.allocUnsafe(4 + body.byteLength);
    frame.writeUInt32LE(body.byteLength, 0);
    frame.set(body, 4);
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.write(frame);
    });
  }

  close(): void {
    this.child.kill("SIGKILL");
  }

  #onData(chunk: Buffer): void {
    this.#buffered = this.#buffered.length ? Buffer.concat([this.#buffered, chunk]) : chunk;
    while (this.#buffered.length >= 4) {
      const length = this.#buffered.readUInt32LE(0);
      if (this.#buffered.length < 4 + length) break;
      const [id, result, error] = this.#decoder.decode(this.#buffered.subarray(4, 4 + length)) as [number, unknown, string?];
      this.#buffered = this.#buffered.subarray(4 + length);
      const pending = this.#pending.get(id);
      this.#pending.delete(id);
      if (error) pending?.reject(new Error(error));
      else pending?.resolve(result);
    }
  }
}
