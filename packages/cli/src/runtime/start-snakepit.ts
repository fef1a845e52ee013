import {
  CallAllowlist, createSnakepit, type AuditOptions, type Cache, type EnvironmentManager, type ProgressEvent, type Snakepit, type SnakepitConfig, type Environment,
} from "@snakepit/core";
import { PythonWorkerPool, TransportIntrospector, type PoolEvent, type WorkerLimits } from "@snakepit/port-python";
import { createGrpcTransport, enableSharedMemoryTransfers, type GrpcImplementation } from "@snakepit/transport-grpc";
import { findConfigFile } from "../config/config-file.js";
import { loadConfig } from "../config/load-config.js";
import { lockFilePath } from "../lock/lock-file.js";
import { cacheFromConfig } from "./cache-from-config.js";
import { environmentSpecFor } from "./environment-spec.js";
import { QuotaTransport, type Quota } from "./quota-transport.js";
import { selectEnvironmentManager } from "./select-environment-manager.js";
import { resolveTenant } from "./tenant-config.js";
import type { TelemetryOptions } from "@snakepit/core";
import { tracedEnsure } from "./traced-ensure.js";
import { startRemoteSnakepit } from "./start-remote-snakepit.js";
import { watchProject, type ProjectChange } from "./watch-project.js";

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
   * OpenTelemetry providers for call spans, call and cache metrics (the facade)
   * and queue depth, ready workers and restarts (the pool). Default: the
   * global ones, which record nothing until the program registers an SDK.
   */
  readonly telemetry?: TelemetryOptions;
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
   * Default: the config's `types.python`.
   */
  readonly typeModules?: readonly string[];
  /** Resource limits every worker sets on itself (memory, CPU time, message size). Default: none. */
  readonly limits?: WorkerLimits;
  /** An environment already ensured for this config (tenants that share one); skips `ensure`. */
  readonly environment?: Environment;
  /** Admission limits in front of the pool; past them calls fail with QuotaExceededError naming `tenant`. */
  readonly quota?: { readonly tenant: string; readonly limits: Quota };
  /**
   * The tenant this runtime serves (startTenants sets it): when `watch` sees
   * the config change, the tenant's entry is resolved again from it, so its
   * own packages and Python are what the environment is ensured with.
   */
  readonly tenant?: string;
  /**
   * Development only: watch the config file, the catalog lock and the local
   * Python libraries (`path` entries), and on every change roll the workers
   * (see `reload`) so that the next calls run the edited code. Queued and
   * running calls are not dropped. The facade's catalog and allowlist stay
   * those of the start; restart the program when they change.
   */
  readonly watch?: boolean;
  /** The config file `watch` follows. Default: the snakepit.config.* in projectDir. */
  readonly configFile?: string;
  /** Told after each watched change was applied (or failed to apply). */
  readonly onReload?: (event: ReloadEvent) => void;
}

/** What a reload did: the changes that caused it, and the error when it failed. */
export interface ReloadEvent {
  readonly changes: readonly ProjectChange[];
  readonly error?: Error;
}

/** A started runtime: the facade plus what it runs on, for diagnostics. */
export interface StartedSnakepit {
  readonly snakepit: Snakepit;
  readonly environment: Environment;
  readonly pool: PythonWorkerPool;
  /**
   * Ensures the environment again (a no-op when unchanged) and rolls the
   * workers onto it: fresh workers import the current code, queued calls move
   * to them, running calls finish on the old ones. Nothing is dropped.
   */
  reload(): Promise<void>;
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
  // Workers on other machines: no local environment or pool (see start-remote-snakepit.ts).
  if (options.config.execution?.remote) return startRemoteSnakepit(options);
  return (await startRuntime(options)).snakepit;
}

/** Like {@link startSnakepit}, also returning the environment, the pool and `reload`. */
export async function startRuntime(options: StartSnakepitOptions): Promise<StartedSnakepit> {
  const projectDir = options.projectDir ?? process.cwd();
  const manager = options.environmentManager ?? (await selectEnvironmentManager({ projectDir, choice: options.config.environment?.manager })).manager;
  const ensure = (config: SnakepitConfig, extraPackages = options.extraPackages) =>
    tracedEnsure(manager, environmentSpecFor(config, projectDir, extraPackages), options.onProgress ? { onProgress: options.onProgress } : {}, options.telemetry?.tracerProvider);
  const environment = options.environment ?? (await ensure(options.config));
  const execution = options.config.execution ?? {};
  const sharedMemory = options.sharedMemory !== false && enableSharedMemoryTransfers();
  const typeModules = options.typeModules ?? options.config.types?.python;
  // One policy, enforced twice: by the facade before a call leaves Node, and by every worker.
  const allowlist = CallAllowlist.fromConfig(options.config.security, options.config.libraries);
  const pool = await PythonWorkerPool.start({
    security: allowlist.policy,
    pythonPath: environment.pythonPath,
    env: workerEnvironment(sharedMemory, execution.spinMicros),
    ...(typeModules?.length ? { typeModules } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    transportFactory: (endpoint) => createGrpcTransport({
      ...endpoint,
      ...(options.transport ? { implementation: options.transport } : {}),
      ...(execution.spinMicros !== undefined ? { spinMicros: execution.spinMicros } : {}),
    }),
    ...(execution.workers !== undefined ? { workers: execution.workers } : {}),
    ...(execution.maxQueue !== undefined ? { maxQueue: execution.maxQueue } : {}),
    ...(execution.laneMicros !== undefined ? { laneMicros: execution.laneMicros } : {}),
    ...(options.onPoolEvent ? { onEvent: options.onPoolEvent } : {}),
    ...(options.telemetry?.meterProvider ? { meterProvider: options.telemetry.meterProvider } : {}),
  });
  let current: { readonly config: SnakepitConfig; readonly extraPackages?: readonly string[] } = options;
  const reload = async () => {
    await pool.restartWorkers({ pythonPath: (await ensure(current.config, current.extraPackages)).pythonPath });
  };
  const stopWatching = options.watch ? watchProject(
    { config: options.config, projectDir, configFile: options.configFile ?? findConfigFile(projectDir), lockFile: lockFilePath(projectDir) },
    async (changes) => {
      // The application's own TS type registrations are its business; workers do not read them.
      if (changes.every((change) => change.kind === "types")) return;
      try {
        const configChange = changes.find((change) => change.kind === "config");
        // A changed config may need other packages: read it again so that ensure() builds what it now says.
        if (configChange) current = reread((await loadConfig(projectDir, { file: configChange.file, fresh: true })).config, options, projectDir);
        await reload();
        options.onReload?.({ changes });
      } catch (error) {
        options.onReload?.({ changes, error: error as Error });
      }
    },
  ) : undefined;
  const snakepit = createSnakepit({
    transport: options.quota ? new QuotaTransport(options.quota.tenant, options.quota.limits, pool) : pool,
    introspector: new TransportIntrospector(pool),
    catalog: options.config.libraries,
    allowlist,
    ...(options.audit ? { audit: options.audit } : {}),
    ...(options.telemetry ? { telemetry: options.telemetry } : {}),
    ...cacheFor(options),
    ...(execution.timeoutMs !== undefined ? { defaultTimeoutMs: execution.timeoutMs } : {}),
    ...(execution.batching?.maxBatchSize !== undefined ? { maxBatchSize: execution.batching.maxBatchSize } : {}),
    ...(execution.batching?.coalesce !== undefined ? { coalesce: execution.batching.coalesce } : {}),
    onReload: reload,
    ...(stopWatching ? { onClose: stopWatching } : {}),
  });
  return { snakepit, environment, pool, reload };
}

/** What a runtime needs from a freshly read config: the whole of it, or its tenant's entry resolved against it. */
function reread(config: SnakepitConfig, options: StartSnakepitOptions, projectDir: string): { readonly config: SnakepitConfig; readonly extraPackages?: readonly string[] } {
  if (options.tenant === undefined) return { config, ...(options.extraPackages ? { extraPackages: options.extraPackages } : {}) };
  const tenant = resolveTenant(config, options.tenant, projectDir);
  return { config: tenant.config, extraPackages: tenant.extraPackages };
}

function cacheFor(options: StartSnakepitOptions): { cache?: Cache } {
  const cache = options.cache ?? cacheFromConfig(options.config);
  return cache ? { cache } : {};
}

/** What the workers' environment adds for this config: the /dev/shm fast path, the spin (lane_turns.py). */
function workerEnvironment(sharedMemory: boolean, spinMicros: number | undefined): Record<string, string> {
  return {
    ...(sharedMemory ? { SNAKEPIT_SHARED_MEMORY: "1" } : {}),
    ...(spinMicros !== undefined ? { SNAKEPIT_SPIN_US: String(spinMicros) } : {}),
  };
}
