import {
  CallAllowlist, createSnakepit, type AuditOptions, type Cache, type EnvironmentManager, type ProgressEvent, type Snakepit, type SnakepitConfig, type Environment,
} from "@snakepit/core";
import { PythonWorkerPool, TransportIntrospector, type PoolEvent } from "@snakepit/port-python";
import { createGrpcTransport, enableSharedMemoryTransfers, type GrpcImplementation } from "@snakepit/transport-grpc";
import { cacheFromConfig } from "./cache-from-config.js";
import { environmentSpecFor } from "./environment-spec.js";
import { selectEnvironmentManager } from "./select-environment-manager.js";

export interface StartSnakepitOptions {
  readonly config: SnakepitConfig;
  /** Folder of the user's project; environments go under `<projectDir>/.snakepit`. Default: cwd. */
  readonly projectDir?: string;
  /** Default: the selection chain (config's `environment.manager`, else uv, Poetry, conda, venv). */
  readonly environmentManager?: EnvironmentManager;
  /**
   * What talks to the workers: "framed" (default: the workers' fast-lane
   * sockets for calls and batches, gRPC for the rest), or gRPC alone with
   * "grpc-js" or "connect" (see the transport-grpc README and the bench).
   */
  readonly transport?: GrpcImplementation;
  /** Result cache for pure functions. Default: from `execution.cache` (in-memory LRU unless `store: "redis"`). */
  readonly cache?: Cache;
  /** Extra packages beyond the catalog's (a workflow's own dependency set). */
  readonly extraPackages?: readonly string[];
  readonly onProgress?: (event: ProgressEvent) => void;
  readonly onPoolEvent?: (event: PoolEvent) => void;
  /** Reports every finished call, e.g. `createPinoAuditLog(logger)`. Default: none. */
  readonly audit?: AuditOptions;
  /**
   * Pass arrays and DataFrames of 1 MB or more through files in /dev/shm
   * instead of the socket, both ways (the workers are on this host). Default
   * true where /dev/shm exists; see the bench for what it saves.
   */
  readonly sharedMemory?: boolean;
  /**
   * Python modules every worker imports at start so that their
   * `snakepit_bridge.types.register(...)` calls run: the Python half of the
   * user types registered in TypeScript with `typeRegistry.register`.
   */
  readonly typeModules?: readonly string[];
}

/** A started runtime: the facade plus what it runs on, for diagnostics. */
export interface StartedSnakepit {
  readonly snakepit: Snakepit;
  readonly environment: Environment;
  readonly pool: PythonWorkerPool;
}

/**
 * The default stack, composed: uv environment → supervised worker pool →
 * gRPC transport → Snakepit facade with the catalog's call policies.
 *
 * @example
 * await using py = await startSnakepit({ config });
 * await py.call("numpy.mean", [[1, 2, 3]]);
 */
export async function startSnakepit(options: StartSnakepitOptions): Promise<Snakepit> {
  return (await startRuntime(options)).snakepit;
}

/** Like {@link startSnakepit}, also returning the environment and the pool. */
export async function startRuntime(options: StartSnakepitOptions): Promise<StartedSnakepit> {
  const projectDir = options.projectDir ?? process.cwd();
  const manager = options.environmentManager ?? (await selectEnvironmentManager({ projectDir, choice: options.config.environment?.manager })).manager;
  const spec = environmentSpecFor(options.config, projectDir, options.extraPackages);
  const environment = await manager.ensure(spec, options.onProgress ? { onProgress: options.onProgress } : {});
  const execution = options.config.execution ?? {};
  const sharedMemory = options.sharedMemory !== false && enableSharedMemoryTransfers();
  // One policy, enforced twice: by the facade before a call leaves Node, and by every worker.
  const allowlist = CallAllowlist.fromConfig(options.config.security, options.config.libraries);
  const pool = await PythonWorkerPool.start({
    security: allowlist.policy,
    pythonPath: environment.pythonPath,
    ...(sharedMemory ? { env: { SNAKEPIT_SHARED_MEMORY: "1" } } : {}),
    ...(options.typeModules?.length ? { typeModules: options.typeModules } : {}),
    transportFactory: (endpoint) => createGrpcTransport({ ...endpoint, ...(options.transport ? { implementation: options.transport } : {}) }),
    ...(execution.workers !== undefined ? { workers: execution.workers } : {}),
    ...(execution.maxQueue !== undefined ? { maxQueue: execution.maxQueue } : {}),
    ...(options.onPoolEvent ? { onEvent: options.onPoolEvent } : {}),
  });
  const snakepit = createSnakepit({
    transport: pool,
    introspector: new TransportIntrospector(pool),
    catalog: options.config.libraries,
    allowlist,
    ...(options.audit ? { audit: options.audit } : {}),
    ...cacheFor(options),
    ...(execution.timeoutMs !== undefined ? { defaultTimeoutMs: execution.timeoutMs } : {}),
    ...(execution.batching?.maxBatchSize !== undefined ? { maxBatchSize: execution.batching.maxBatchSize } : {}),
    ...(execution.batching?.coalesce !== undefined ? { coalesce: execution.batching.coalesce } : {}),
  });
  return { snakepit, environment, pool };
}

function cacheFor(options: StartSnakepitOptions): { cache?: Cache } {
  const cache = options.cache ?? cacheFromConfig(options.config);
  return cache ? { cache } : {};
}
