import type {
  BatchReply, BatchRequest, CallRequest, CancelReply, CancelRequest, DescribeReply, DescribeRequest,
  HealthReply, HealthRequest, ReleaseReply, ReleaseRequest, StreamItem,
} from "../gen/snakepit/v1/bridge_pb.js";
import type { BridgeRpc, RpcOptions, SessionChannel, SessionListener } from "../session/bridge-rpc.js";
import { parseAddress } from "../wire/endpoint-address.js";
import { FramedBatches } from "./framed-batches.js";
import { FramedConnection } from "./framed-connection.js";

/**
 * The Bridge service with Session frames and plain batches on the worker's
 * fast-lane socket, and every other RPC (streams, describe, health, release,
 * cancel, stop-on-error batches) on gRPC, which stays the contract for
 * anything the fast lane does not carry.
 */
export class FramedBridgeRpc implements BridgeRpc {
  readonly #path: string;
  readonly #batches: FramedBatches;

  constructor(frameAddress: string, private readonly token: string | undefined, private readonly grpc: BridgeRpc) {
    const address = parseAddress(frameAddress);
    if (address.kind !== "unix") throw new TypeError(`The fast lane needs a Unix socket address, got "${frameAddress}".`);
    this.#path = address.path;
    this.#batches = new FramedBatches(this.#path, token);
  }

  batch(request: BatchRequest, options: RpcOptions): Promise<BatchReply> {
    // Stopping at the first error is the Batch RPC's own semantics; plain batches are frames.
    return request.stopOnError ? this.grpc.batch(request, options) : this.#batches.run(request, options);
  }

  openSession(listener: SessionListener): SessionChannel {
    const connection = new FramedConnection(this.#path, this.token, listener);
    return { send: (frame) => connection.send(frame), close: () => connection.close() };
  }

  stream(request: CallRequest, options: RpcOptions): AsyncIterable<StreamItem> {
    return this.grpc.stream(request, options);
  }

  release(request: ReleaseRequest, options: RpcOptions): Promise<ReleaseReply> {
    return this.grpc.release(request, options);
  }

  cancel(request: CancelRequest, options: RpcOptions): Promise<CancelReply> {
    return this.grpc.cancel(request, options);
  }

  describe(request: DescribeRequest, options: RpcOptions): Promise<DescribeReply> {
    return this.grpc.describe(request, options);
  }

  health(request: HealthRequest, options: RpcOptions): Promise<HealthReply> {
    return this.grpc.health(request, options);
  }

  close(): void {
    this.#batches.close();
    this.grpc.close();
  }
}
