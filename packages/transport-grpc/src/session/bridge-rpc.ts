import type { PayloadCodec } from "../codec/payload-codec.js";
import type {
  BatchReply, BatchRequest, CallRequest, CancelReply, CancelRequest, ClientFrame, DescribeReply, DescribeRequest,
  HealthReply, HealthRequest, ReleaseReply, ReleaseRequest, ServerFrame, StreamItem,
} from "../gen/snakepit/v1/bridge_pb.js";

/** Per-RPC options both client libraries support. */
export interface RpcOptions {
  readonly signal?: AbortSignal | undefined;
  /** Whole-RPC deadline; gRPC enforces it on both sides. */
  readonly timeoutMs?: number | undefined;
}

/** Receives what arrives on a Session stream. */
export interface SessionListener {
  /** A frame of replies. */
  frame(frame: ServerFrame): void;
  /** The stream ended; `error` is set unless the end was requested with `close()`. */
  ended(error?: unknown): void;
}

/** The sending half of an open Session stream. */
export interface SessionChannel {
  send(frame: ClientFrame): void;
  /** Ends the stream from our side; the listener's `ended` is called without an error. */
  close(): void;
}

/**
 * The Bridge service as the two client libraries expose it, reduced to what
 * the transport needs. Everything above it (multiplexing, codec, error
 * mapping) is shared; an implementation only moves messages and turns its
 * library's failures into `RpcFailure`.
 */
export interface BridgeRpc {
  batch(request: BatchRequest, options: RpcOptions): Promise<BatchReply>;
  /** Yields items with the library's flow control; ending the iteration early cancels the RPC. */
  stream(request: CallRequest, options: RpcOptions): AsyncIterable<StreamItem>;
  release(request: ReleaseRequest, options: RpcOptions): Promise<ReleaseReply>;
  cancel(request: CancelRequest, options: RpcOptions): Promise<CancelReply>;
  describe(request: DescribeRequest, options: RpcOptions): Promise<DescribeReply>;
  health(request: HealthRequest, options: RpcOptions): Promise<HealthReply>;
  openSession(listener: SessionListener): SessionChannel;
  /** Closes the connection; RPCs in flight fail. */
  close(): void;
}

/** What a one-off RPC (batch, stream) needs from its transport. */
export interface RpcContext {
  readonly rpc: BridgeRpc;
  readonly codec: PayloadCodec;
  /** Endpoint id, for error messages. */
  readonly endpoint: string;
  readonly nextId: () => bigint;
}
