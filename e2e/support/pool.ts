import { inject } from "vitest";
import { createSnakepit, type Snakepit } from "@snakepit/core";
import { PythonWorkerPool, TransportIntrospector, type WorkerPoolOptions } from "@snakepit/port-python";
import { ConnectTransport, GrpcJsTransport } from "@snakepit/transport-grpc";

export type TransportKind = "grpc-js" | "connect";

/** A real pool of real workers in the shared e2e environment, over the chosen gRPC implementation. */
export async function startPool(kind: TransportKind = "grpc-js", options: Partial<WorkerPoolOptions> = {}): Promise<PythonWorkerPool> {
  const Transport = kind === "connect" ? ConnectTransport : GrpcJsTransport;
  return PythonWorkerPool.start({
    pythonPath: inject("pythonPath"),
    transportFactory: (endpoint) => new Transport(endpoint),
    workers: 2,
    ...options,
  });
}

/** The facade over a fresh pool. */
export async function startSnakepitOnPool(kind: TransportKind = "grpc-js", options: Partial<WorkerPoolOptions> = {}): Promise<{ py: Snakepit; pool: PythonWorkerPool }> {
  const pool = await startPool(kind, options);
  return { py: createSnakepit({ transport: pool, introspector: new TransportIntrospector(pool) }), pool };
}
