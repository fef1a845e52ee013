import type { Transport } from "@snakepit/core";
import { BridgeTransport } from "../bridge-transport.js";
import type { GrpcTransportOptions } from "../transport-options.js";
import { GrpcJsBridgeRpc } from "./grpc-js-bridge-rpc.js";

/**
 * The Transport over @grpc/grpc-js, the reference gRPC implementation for
 * Node: the default, and the faster of the two in our measurements.
 *
 * @example
 * const transport = new GrpcJsTransport({ id: "w1", address: "unix:/tmp/w1.sock", token });
 * await transport.call({ target: "math.sqrt", args: [2] }); // 1.4142135623730951
 */
export class GrpcJsTransport extends BridgeTransport implements Transport {
  constructor(options: GrpcTransportOptions) {
    super(new GrpcJsBridgeRpc(options), options);
  }
}
