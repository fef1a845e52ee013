import type { Transport } from "@snakepit/core";
import { BridgeTransport } from "../bridge-transport.js";
import { GrpcJsBridgeRpc } from "../grpc-js/grpc-js-bridge-rpc.js";
import type { GrpcTransportOptions } from "../transport-options.js";
import { FramedBridgeRpc } from "./framed-bridge-rpc.js";

export interface FramedSocketTransportOptions extends GrpcTransportOptions {
  /** The worker's fast-lane socket, "unix:/path/w1.frames.sock" (its ready line's `frame_address`). */
  readonly frameAddress: string;
}

/**
 * The Transport for a worker on this host: unary calls (the Session
 * multiplexer) and plain batches travel as length-prefixed Session frames on
 * the worker's fast-lane Unix socket, without HTTP/2; streams, describe,
 * health, release and cancel stay on gRPC (@grpc/grpc-js). Same behaviour as
 * the gRPC transports, a fraction of their per-message cost (see the bench).
 *
 * @example
 * const transport = new FramedSocketTransport({ id: "w1", address: "unix:/tmp/d/w1.sock", frameAddress: "unix:/tmp/d/w1.frames.sock", token });
 * await transport.call({ target: "math.sqrt", args: [2] }); // 1.4142135623730951
 */
export class FramedSocketTransport extends BridgeTransport implements Transport {
  constructor(options: FramedSocketTransportOptions) {
    super(new FramedBridgeRpc(options.frameAddress, options.token, new GrpcJsBridgeRpc(options)), options);
  }
}
