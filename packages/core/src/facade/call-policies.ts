import type { CallPolicy, Catalog, FunctionEntry } from "../config/catalog-types.js";
import { parseDuration } from "../config/duration.js";

/** A call policy resolved to numbers, per dotted path. */
export interface ResolvedPolicy {
  readonly pure: boolean;
  readonly ttlMs?: number;
  readonly deadlineMs?: number;
  readonly idempotent: boolean;
}

/**
 * Flattens a catalog into dotted path → policy, so the facade looks up one
 * map per call instead of walking the catalog. A library-level `cache`
 * makes every function of that library pure.
 */
export function callPoliciesOf(catalog: Catalog = {}): Map<string, ResolvedPolicy> {
  const policies = new Map<string, ResolvedPolicy>();
  for (const [key, library] of Object.entries(catalog)) {
    const module = library.module ?? key;
    const libraryTtl = library.cache?.ttl !== undefined ? parseDuration(library.cache.ttl) : undefined;
    const add = (path: string, entry: FunctionEntry) => {
      const policy: CallPolicy = typeof entry === "string" ? {} : entry;
      const ttlMs = policy.ttl !== undefined ? parseDuration(policy.ttl) : libraryTtl;
      policies.set(path, {
        pure: Boolean(policy.pure || policy.ttl !== undefined || library.cache),
        ...(ttlMs !== undefined ? { ttlMs } : {}),
        ...(policy.deadlineMs !== undefined ? { deadlineMs: policy.deadlineMs } : {}),
        idempotent: Boolean(policy.idempotent || policy.pure),
      });
    };
    for (const entry of library.functions ?? []) add(`${module}.${typeof entry === "string" ? entry : entry.name}`, entry);
    for (const entry of library.classes ?? []) {
      if (typeof entry === "string") continue;
      for (const method of entry.methods ?? []) add(`${module}.${entry.name}.${typeof method === "string" ? method : method.name}`, method);
    }
  }
  return policies;
}
