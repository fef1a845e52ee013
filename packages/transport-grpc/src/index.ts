/**
 * @snakepit/transport-grpc: core's Transport port over gRPC, with two client
 * libraries behind the same behaviour (@grpc/grpc-js and
 * @connectrpc/connect-node), and the MessagePack payload codec of proto/CODEC.md.
 */
export { createGrpcTransport, type CreateGrpcTransportOptions, type GrpcImplementation } from "./create-grpc-transport.js";
export { GrpcJsTransport } from "./grpc-js/grpc-js-transport.js";
export { ConnectTransport } from "./connect/connect-transport.js";
export { FramedSocketTransport, type FramedSocketTransportOptions } from "./framed/framed-socket-transport.js";
export { BridgeTransport, type BrokenListener } from "./bridge-transport.js";
export type { GrpcEndpoint, GrpcTransportOptions } from "./transport-options.js";
export type { EndpointTls } from "./wire/endpoint-tls.js";
export { GrpcTransportContainerModule, type GrpcTransportContainerModuleOptions } from "./di/grpc-transport-container-module.js";
export { PayloadCodec } from "./codec/payload-codec.js";
export { ExtensionType } from "./codec/extension-types.js";
export { enableSharedMemoryTransfers, disableSharedMemoryTransfers, sharedMemoryFolder, type SharedMemoryOptions } from "./codec/shared-memory-extension.js";
export { bridgeServiceDefinition, type BridgeServiceDefinition } from "./grpc-js/bridge-service-definition.js";
