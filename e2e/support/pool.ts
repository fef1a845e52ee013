import { inject } from "vitest";
import { createSnakepit, type Snakepit } from "@snakepit/core";
import { PythonWorkerPool, TransportIntrospector, type WorkerPoolOptions } from "@snakepit/port-python";
import { createGrpcTransport } from "@snakepit/transport-grpc";

/** "framed": the workers' fast-lane sockets for calls and batches, grpc-js for the rest. */
export type TransportKind = "grpc-js" | "connect" | "framed";

/** A real pool of real workers in the shared e2e environment, over the chosen transport. */
export async function startPool(kind: TransportKind = "grpc-js", options: Partial<WorkerPoolOptions> = {}): Promise<PythonWorkerPool> {
  return PythonWorkerPool.start({
    pythonPath: inject("pythonPath"),
    transportFactory: (endpoint) => createGrpcTransport({ ...endpoint, implementation: kind }),
    workers: 2,
    ...options,
  });
}

/** The facade over a fresh pool. */
export async function startSnakepitOnPool(kind: TransportKind = "grpc-js", options: Partial<WorkerPoolOptions> = {}): Promise<{ py: Snakepit; pool: PythonWorkerPool }> {
  const pool = await startPool(kind, options);
  return { py: createSnakepit({ transport: pool, introspector: new TransportIntrospector(pool) }), pool };
}
