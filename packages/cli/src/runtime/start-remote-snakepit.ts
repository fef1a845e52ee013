import { CallAllowlist, ConfigError, createSnakepit, type Snakepit } from "@snakepit/core";
import { TransportIntrospector, type FleetEvent } from "@snakepit/port-python";
import { cacheFromConfig } from "./cache-from-config.js";
import { startRemoteFleet } from "./remote-workers.js";
import type { StartSnakepitOptions } from "./start-snakepit.js";

export interface StartRemoteSnakepitOptions extends StartSnakepitOptions {
  /** Rotation changes of the remote workers (an endpoint left or rejoined). */
  readonly onFleetEvent?: (event: FleetEvent) => void;
}

/**
 * The stack for workers on other machines (`execution.remote`): no local
 * environment and no local processes, a RemoteWorkerFleet as the transport,
 * and the same facade, allowlist, cache and call policies as the local stack.
 * The workers enforce their own allowlist ($SNAKEPIT_ALLOW where they run).
 *
 * @example
 * await using py = await startRemoteSnakepit({ config });   // config.execution.remote lists the workers
 */
export async function startRemoteSnakepit(options: StartRemoteSnakepitOptions): Promise<Snakepit> {
  const remote = options.config.execution?.remote;
  if (!remote) throw new ConfigError("startRemoteSnakepit needs execution.remote in the configuration: the endpoints of the workers to use.");
  const execution = options.config.execution ?? {};
  const fleet = await startRemoteFleet(remote, {
    projectDir: options.projectDir ?? process.cwd(),
    ...(options.transport ? { transport: options.transport } : {}),
    ...(options.onFleetEvent ? { onEvent: options.onFleetEvent } : {}),
  });
  const cache = options.cache ?? cacheFromConfig(options.config);
  return createSnakepit({
    transport: fleet,
    introspector: new TransportIntrospector(fleet),
    catalog: options.config.libraries,
    allowlist: CallAllowlist.fromConfig(options.config.security, options.config.libraries),
    ...(options.audit ? { audit: options.audit } : {}),
    ...(cache ? { cache } : {}),
    ...(execution.timeoutMs !== undefined ? { defaultTimeoutMs: execution.timeoutMs } : {}),
    ...(execution.batching?.maxBatchSize !== undefined ? { maxBatchSize: execution.batching.maxBatchSize } : {}),
    ...(execution.batching?.coalesce !== undefined ? { coalesce: execution.batching.coalesce } : {}),
  });
}
