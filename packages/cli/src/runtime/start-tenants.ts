import { ConfigError, type Environment, type Snakepit } from "@snakepit/core";
import { environmentSpecFor } from "./environment-spec.js";
import { selectEnvironmentManager } from "./select-environment-manager.js";
import { startRuntime, type StartedSnakepit, type StartSnakepitOptions } from "./start-snakepit.js";
import { resolveTenant, tenantNamed, type ResolvedTenant } from "./tenant-config.js";

/** Options of every tenant's runtime; each tenant's own settings come from `config.tenants`. */
export interface StartTenantsOptions extends Omit<StartSnakepitOptions, "extraPackages" | "limits" | "quota" | "environment" | "tenant"> {
  /** Start only these tenants (default: all that the config declares). */
  readonly only?: readonly string[];
}

/**
 * Every tenant of the configuration, each on its own worker pool with its
 * own environment, allowlist, worker limits and quota: one tenant's load,
 * crash or refused call never touches another's. Dispose it to stop them all.
 *
 * @example
 * await using tenants = await startTenants({ config });
 * const acme = tenants.tenant("acme");
 * await acme.call("numpy.mean", [[1, 2, 3]]);
 */
export async function startTenants(options: StartTenantsOptions): Promise<SnakepitTenants> {
  const projectDir = options.projectDir ?? process.cwd();
  const names = options.only ?? Object.keys(options.config.tenants ?? {});
  if (!names.length) throw new ConfigError("startTenants needs tenants: declare them under `tenants: { name: { … } }` in snakepit.config.ts.");
  for (const name of names) tenantNamed(options.config, name);
  const resolved = names.map((name) => resolveTenant(options.config, name, projectDir));
  const environments = await ensureEnvironments(options, resolved, projectDir);
  const started = await Promise.allSettled(resolved.map((tenant) => startRuntime({
    ...options,
    config: tenant.config,
    extraPackages: tenant.extraPackages,
    environment: environments.get(tenant.config.environment?.name ?? "default") as Environment,
    ...(tenant.limits ? { limits: tenant.limits } : {}),
    ...(tenant.quota ? { quota: { tenant: tenant.name, limits: tenant.quota } } : {}),
    tenant: tenant.name,
  })));
  const failed = started.find((outcome) => outcome.status === "rejected");
  if (failed) {
    // All or nothing: a half-started set of tenants would leave workers behind.
    await Promise.all(started.map((outcome) => (outcome.status === "fulfilled" ? outcome.value.snakepit.close() : undefined)));
    throw failed.reason;
  }
  const runtimes = new Map(resolved.map((tenant, index) => [tenant.name, (started[index] as PromiseFulfilledResult<StartedSnakepit>).value]));
  return new SnakepitTenants(options.config, runtimes);
}

/**
 * One ensure per distinct environment, one after another: tenants with the
 * same needs share the environment on disk, and two builds of the same
 * environment never race.
 */
async function ensureEnvironments(options: StartTenantsOptions, tenants: readonly ResolvedTenant[], projectDir: string): Promise<Map<string, Environment>> {
  const manager = options.environmentManager ?? (await selectEnvironmentManager({ projectDir, choice: options.config.environment?.manager })).manager;
  const environments = new Map<string, Environment>();
  for (const tenant of tenants) {
    const spec = environmentSpecFor(tenant.config, projectDir, tenant.extraPackages);
    if (!environments.has(spec.name)) environments.set(spec.name, await manager.ensure(spec, options.onProgress ? { onProgress: options.onProgress } : {}));
  }
  return environments;
}

/** The started tenants, by name. */
export class SnakepitTenants implements AsyncDisposable {
  #closed: Promise<void> | undefined;

  constructor(private readonly config: StartTenantsOptions["config"], private readonly runtimes: ReadonlyMap<string, StartedSnakepit>) {}

  /** Names of the started tenants. */
  get names(): string[] {
    return [...this.runtimes.keys()];
  }

  /** The Snakepit of one tenant: its calls run only on that tenant's workers, under its allowlist and quota. */
  tenant(name: string): Snakepit {
    return this.runtime(name).snakepit;
  }

  /** The tenant's runtime (environment, pool, reload), for diagnostics. */
  runtime(name: string): StartedSnakepit {
    const runtime = this.runtimes.get(name);
    if (runtime) return runtime;
    tenantNamed(this.config, name);
    throw new ConfigError(`Tenant "${name}" is declared but was not started (startTenants was given \`only: [${this.names.map((known) => `"${known}"`).join(", ")}]\`).`);
  }

  /** Stops every tenant's workers. Idempotent. */
  close(): Promise<void> {
    this.#closed ??= Promise.all([...this.runtimes.values()].map((runtime) => runtime.snakepit.close())).then(() => undefined);
    return this.#closed;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
