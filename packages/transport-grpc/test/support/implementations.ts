import type { BridgeTransport } from "../../src/bridge-transport.js";
import { ConnectTransport } from "../../src/connect/connect-transport.js";
import { FramedSocketTransport } from "../../src/framed/framed-socket-transport.js";
import { GrpcJsTransport } from "../../src/grpc-js/grpc-js-transport.js";
import type { GrpcTransportOptions } from "../../src/transport-options.js";

/** Both transports, so every behaviour test runs against each. */
export const implementations: readonly (readonly [string, (options: GrpcTransportOptions) => BridgeTransport])[] = [
  ["grpc-js", (options) => new GrpcJsTransport(options)],
  ["connect", (options) => new ConnectTransport(options)],
];

/** The gRPC transports plus the fast lane, which only a real worker serves (its --frame-socket). */
export const realWorkerImplementations: readonly (readonly [string, (options: GrpcTransportOptions) => BridgeTransport])[] = [
  ...implementations,
  ["framed", (options) => new FramedSocketTransport({ ...options, frameAddress: options.frameAddress ?? "" })],
];
