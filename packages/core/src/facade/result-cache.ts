import { canonicalHash } from "../cache-key/canonical-encoding.js";
import { RemoteRef } from "../model/remote-ref.js";
import type { Cache } from "../ports/cache.js";
import { mapDeep } from "./refs.js";

/** Hit and miss counters of the result cache. */
export interface CacheStats {
  hits: number;
  misses: number;
  /** Calls that joined an identical call already in flight instead of calling Python. */
  joined: number;
}

/**
 * Caches results of pure calls: the key covers the dotted path, a canonical
 * hash of the arguments and the installed version of the library, so an
 * upgrade never serves stale results. Identical calls in flight at the same
 * time share one Python call (single-flight).
 */
export class ResultCache {
  readonly stats: CacheStats = { hits: 0, misses: 0, joined: 0 };
  readonly #inFlight = new Map<string, Promise<unknown>>();
  /** Library versions already looked up, by dotted path. */
  readonly #versions = new Map<string, string>();

  constructor(readonly store: Cache, private readonly versionOf: (path: string) => Promise<string>) {}

  /** Key for a call; exposed so `invalidate` can name exactly one entry. */
  async keyFor(path: string, args: readonly unknown[], kwargs: Readonly<Record<string, unknown>>): Promise<string> {
    const version = await this.versionOf(path);
    this.#versions.set(path, version);
    return `${path}@${version}:${canonicalHash([args, kwargs])}`;
  }

  run<T>(path: string, args: readonly unknown[], kwargs: Readonly<Record<string, unknown>>, ttlMs: number | undefined, compute: () => Promise<T>): Promise<T> {
    // Once the library's version is known the key is computed at once: a hit then costs no extra await.
    const version = this.#versions.get(path);
    if (version !== undefined) return this.#runKeyed(`${path}@${version}:${canonicalHash([args, kwargs])}`, ttlMs, compute);
    return this.keyFor(path, args, kwargs).then((key) => this.#runKeyed(key, ttlMs, compute));
  }

  #runKeyed<T>(key: string, ttlMs: number | undefined, compute: () => Promise<T>): Promise<T> {
    const pending = this.#inFlight.get(key);
    if (pending) {
      this.stats.joined++;
      return pending as Promise<T>;
    }
    const work = this.#lookup(key, ttlMs, compute);
    // Registered before the caller's reactions, so the entry is gone by the time the caller resumes.
    const forget = () => void this.#inFlight.delete(key);
    work.then(forget, forget);
    this.#inFlight.set(key, work);
    return work;
  }

  async #lookup<T>(key: string, ttlMs: number | undefined, compute: () => Promise<T>): Promise<T> {
    const cached = await this.store.get<{ v: T }>(key);
    if (cached !== undefined) {
      this.stats.hits++;
      return cached.v;
    }
    this.stats.misses++;
    const value = await compute();
    // A result holding a remote object is state, not data: never cached.
    // A store failure (Redis down) must not fail a call that Python answered.
    if (!containsRef(value)) await this.store.set(key, { v: value }, ttlMs).catch(() => undefined);
    return value;
  }

  /** Drops one cached call, or every cached call when no path is given. */
  async invalidate(path?: string, args: readonly unknown[] = [], kwargs: Readonly<Record<string, unknown>> = {}): Promise<void> {
    if (path === undefined) return this.store.clear();
    await this.store.delete(await this.keyFor(path, args, kwargs));
  }
}

function containsRef(value: unknown): boolean {
  let found = false;
  mapDeep(value, (item) => {
    if (item instanceof RemoteRef) found = true;
    return item;
  });
  return found;
}
