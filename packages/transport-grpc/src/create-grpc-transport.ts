import { ConnectTransport } from "./connect/connect-transport.js";
import type { BridgeTransport } from "./bridge-transport.js";
import { GrpcJsTransport } from "./grpc-js/grpc-js-transport.js";
import type { GrpcTransportOptions } from "./transport-options.js";

/** Which gRPC client library carries the calls. */
export type GrpcImplementation = "grpc-js" | "connect";

export interface CreateGrpcTransportOptions extends GrpcTransportOptions {
  /** Defaults to "grpc-js". */
  readonly implementation?: GrpcImplementation;
}

/**
 * Builds a Transport to one worker. Its parameter has the shape of
 * port-python's WorkerEndpoint, so it is a TransportFactory as it is.
 *
 * @example
 * const pool = await PythonWorkerPool.start({ pythonPath, transportFactory: createGrpcTransport });
 * const connectPool = await PythonWorkerPool.start({ pythonPath, transportFactory: (endpoint) => createGrpcTransport({ ...endpoint, implementation: "connect" }) });
 */
export function createGrpcTransport(options: CreateGrpcTransportOptions): BridgeTransport {
  return options.implementation === "connect" ? new ConnectTransport(options) : new GrpcJsTransport(options);
}
