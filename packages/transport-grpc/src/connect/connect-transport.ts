import type { Transport } from "@snakepit/core";
import { BridgeTransport } from "../bridge-transport.js";
import type { GrpcTransportOptions } from "../transport-options.js";
import { ConnectBridgeRpc } from "./connect-bridge-rpc.js";

/**
 * The Transport over @connectrpc/connect-node, speaking the gRPC protocol on
 * HTTP/2. Same behaviour as GrpcJsTransport; choose it to share Connect's
 * interceptors and HTTP/2 session handling with the rest of an application.
 *
 * @example
 * const transport = new ConnectTransport({ id: "w1", address: "unix:/tmp/w1.sock", token });
 * await transport.call({ target: "math.sqrt", args: [2] }); // 1.4142135623730951
 */
export class ConnectTransport extends BridgeTransport implements Transport {
  constructor(options: GrpcTransportOptions) {
    super(new ConnectBridgeRpc(options), options);
  }
}
