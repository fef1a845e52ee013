import { ConfigError } from "@snakepit/core";
import { ConnectTransport } from "./connect/connect-transport.js";
import type { BridgeTransport } from "./bridge-transport.js";
import { FramedSocketTransport } from "./framed/framed-socket-transport.js";
import { GrpcJsTransport } from "./grpc-js/grpc-js-transport.js";
import type { GrpcTransportOptions } from "./transport-options.js";

/**
 * What carries the calls: one of the two gRPC client libraries, or "framed",
 * the worker's fast-lane socket for unary calls and batches with grpc-js for
 * the rest (needs `frameAddress`).
 */
export type GrpcImplementation = "grpc-js" | "connect" | "framed";

export interface CreateGrpcTransportOptions extends GrpcTransportOptions {
  /** Defaults to "framed" when `frameAddress` is given (a worker on this host), else "grpc-js". */
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
  const implementation = options.implementation ?? (options.frameAddress ? "framed" : "grpc-js");
  if (implementation === "connect") return new ConnectTransport(options);
  if (implementation === "grpc-js") return new GrpcJsTransport(options);
  if (!options.frameAddress) throw new ConfigError(`The "framed" transport to worker ${options.id} needs its frameAddress (the frame_address of the worker's ready line); start the worker with --frame-socket, or choose "grpc-js".`);
  return new FramedSocketTransport({ ...options, frameAddress: options.frameAddress });
}
