import type { BridgeTransport } from "../../src/bridge-transport.js";
import { ConnectTransport } from "../../src/connect/connect-transport.js";
import { GrpcJsTransport } from "../../src/grpc-js/grpc-js-transport.js";
import type { GrpcTransportOptions } from "../../src/transport-options.js";

/** Both transports, so every behaviour test runs against each. */
export const implementations: readonly (readonly [string, (options: GrpcTransportOptions) => BridgeTransport])[] = [
  ["grpc-js", (options) => new GrpcJsTransport(options)],
  ["connect", (options) => new ConnectTransport(options)],
];
