import { create } from "@bufbuild/protobuf";
import { BatchReplySchema, ClientFrameSchema, type BatchReply, type BatchRequest, type CallReply, type ServerFrame } from "../gen/snakepit/v1/bridge_pb.js";
import type { RpcOptions } from "../session/bridge-rpc.js";
import { RpcFailure, Status } from "../wire/rpc-failure.js";
import { FramedConnection } from "./framed-connection.js";

interface OpenBatch {
  readonly replies: Map<bigint, CallReply>;
  readonly expected: number;
  readonly settle: (error?: unknown) => void;
}

/**
 * Batches (without stop-on-error) sent as one ClientFrame on a fast-lane
 * connection of their own; the worker runs the frame's calls as one job and
 * answers in one ServerFrame. Replies are routed to their batch by call id,
 * and a deadline or an abort cancels the batch's calls that are still running.
 */
export class FramedBatches {
  readonly #open = new Map<bigint, OpenBatch>();
  #connection: FramedConnection | undefined;

  constructor(private readonly path: string, private readonly token: string | undefined) {}

  run(request: BatchRequest, options: RpcOptions): Promise<BatchReply> {
    const ids = request.calls.map((call) => call.id);
    return new Promise<BatchReply>((resolve, reject) => {
      const replies = new Map<bigint, CallReply>();
      let timer: NodeJS.Timeout | undefined;
      const abandon = (failure: RpcFailure) => {
        settle(failure);
        this.#connection?.send(create(ClientFrameSchema, { cancel: ids }));
      };
      const onAbort = () => abandon(new RpcFailure(Status.cancelled, "the batch was cancelled by the caller"));
      const settle = (error?: unknown) => {
        for (const id of ids) this.#open.delete(id);
        if (timer) clearTimeout(timer);
        options.signal?.removeEventListener("abort", onAbort);
        if (error === undefined) resolve(create(BatchReplySchema, { replies: ids.flatMap((id) => replies.get(id) ?? []) }));
        else reject(error);
      };
      const batch: OpenBatch = { replies, expected: ids.length, settle };
      for (const id of ids) this.#open.set(id, batch);
      if (options.timeoutMs !== undefined) timer = setTimeout(() => abandon(new RpcFailure(Status.deadlineExceeded, "the batch exceeded its deadline")), options.timeoutMs);
      options.signal?.addEventListener("abort", onAbort, { once: true });
      this.#connect().send(create(ClientFrameSchema, { calls: request.calls }));
    });
  }

  close(): void {
    this.#connection?.close();
    this.#connection = undefined;
  }

  #connect(): FramedConnection {
    if (this.#connection) return this.#connection;
    const connection: FramedConnection = new FramedConnection(this.path, this.token, {
      frame: (frame) => this.#route(frame),
      ended: (error) => {
        if (this.#connection === connection) this.#connection = undefined;
        const failure = error ?? new RpcFailure(Status.unavailable, "the fast-lane connection was closed");
        for (const batch of new Set(this.#open.values())) batch.settle(failure);
      },
    });
    this.#connection = connection;
    return connection;
  }

  #route(frame: ServerFrame): void {
    for (const reply of frame.replies) {
      const batch = this.#open.get(reply.id);
      if (!batch) continue; // its batch was abandoned (deadline, abort)
      batch.replies.set(reply.id, reply);
      if (batch.replies.size === batch.expected) batch.settle();
    }
  }
}
