import { createHash } from "node:crypto";
import { ConfigError, type SnakepitConfig, type TenantConfig } from "@snakepit/core";
import type { WorkerLimits } from "@snakepit/port-python";
import { suggestName } from "../catalog/suggest-name.js";
import { environmentSpecFor } from "./environment-spec.js";

/** What one tenant runs with: a whole configuration of its own, plus what a configuration cannot say. */
export interface ResolvedTenant {
  readonly name: string;
  /** The top level's configuration with the tenant's own keys in place. */
  readonly config: SnakepitConfig;
  readonly extraPackages: readonly string[];
  readonly limits?: WorkerLimits;
  readonly quota?: TenantConfig["quota"];
}

/**
 * A tenant inherits what it does not set from the top level (libraries,
 * Python, security, execution). Its environment keeps the top level's name
 * when it needs exactly the same packages (so the built environment on disk
 * is shared: it is immutable), and otherwise gets a name derived from what it
 * contains, which tenants with equal needs share in turn. Workers are never
 * shared: each tenant gets its own pool.
 */
export function resolveTenant(config: SnakepitConfig, name: string, projectDir: string): ResolvedTenant {
  const tenant = tenantNamed(config, name);
  const { tenants: _tenants, ...base } = config;
  const merged: SnakepitConfig = {
    ...base,
    libraries: tenant.libraries ?? base.libraries,
    ...(tenant.python ?? base.python ? { python: tenant.python ?? base.python } : {}),
    ...(tenant.security ?? base.security ? { security: tenant.security ?? base.security } : {}),
    execution: {
      ...base.execution,
      ...(tenant.workers !== undefined ? { workers: tenant.workers } : {}),
      ...(tenant.timeoutMs !== undefined ? { timeoutMs: tenant.timeoutMs } : {}),
    },
  };
  // Sorted, so that tenants listing the same packages in another order build the same environment.
  const extraPackages = [...new Set(tenant.packages ?? [])].sort();
  const withName = (environmentName: string): SnakepitConfig => ({ ...merged, environment: { ...base.environment, name: environmentName } });
  const baseName = base.environment?.name ?? "default";
  const contents = (candidate: SnakepitConfig, extra: readonly string[]) => {
    const { packages, localPackages, python } = environmentSpecFor(candidate, projectDir, extra);
    return JSON.stringify([[...packages].sort(), localPackages ?? [], python ?? ""]);
  };
  const sameAsBase = contents(merged, extraPackages) === contents(base, []);
  const environmentName = sameAsBase ? baseName : `tenant-${createHash("sha256").update(contents(merged, extraPackages)).digest("hex").slice(0, 12)}`;
  return {
    name,
    config: withName(environmentName),
    extraPackages,
    ...(tenant.limits ? { limits: tenant.limits } : {}),
    ...(tenant.quota ? { quota: tenant.quota } : {}),
  };
}

/** The tenant's entry, or a ConfigError that names the tenants there are and the likely intended one. */
export function tenantNamed(config: SnakepitConfig, name: string): TenantConfig {
  const tenants = config.tenants ?? {};
  const tenant = Object.hasOwn(tenants, name) ? tenants[name] : undefined;
  if (tenant) return tenant;
  const names = Object.keys(tenants);
  if (!names.length) throw new ConfigError(`There is no tenant "${name}": the configuration declares no tenants. Add one under \`tenants: { ${name}: { … } }\` in snakepit.config.ts.`);
  const hint = suggestName(name, names);
  throw new ConfigError(`There is no tenant "${name}"${hint ? `; did you mean "${hint}"?` : "."} Declared tenants: ${names.join(", ")}.`);
}
