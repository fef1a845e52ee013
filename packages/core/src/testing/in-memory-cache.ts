import type { Cache } from "../ports/cache.js";

export interface InMemoryCacheOptions {
  readonly namespace?: string;
  /** Most entries kept; the least recently used go first. Default 10,000. */
  readonly maxEntries?: number;
  /** Clock, replaceable in tests of expiry. */
  readonly now?: () => number;
}

/**
 * A Cache in a Map: TTL, namespace and LRU eviction, nothing shared between
 * processes. The default store for tests and single-process programs.
 */
export class InMemoryCache implements Cache {
  readonly namespace: string;
  readonly #entries = new Map<string, { value: unknown; expiresAt: number }>();
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(options: InMemoryCacheOptions = {}) {
    this.namespace = options.namespace ?? "snakepit";
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  /** Entries currently held (expired ones included until touched). */
  get size(): number {
    return this.#entries.size;
  }

  async get<T = unknown>(key: string): Promise<T | undefined> {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    // Re-insert to mark as most recently used (Map keeps insertion order).
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value as T;
  }

  async set(key: string, value: unknown, ttlMs?: number): Promise<void> {
    this.#entries.delete(key);
    if (ttlMs !== undefined && ttlMs <= 0) return;
    this.#entries.set(key, { value, expiresAt: ttlMs === undefined ? Infinity : this.#now() + ttlMs });
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }

  async delete(key: string): Promise<boolean> {
    return this.#entries.delete(key);
  }

  async clear(): Promise<void> {
    this.#entries.clear();
  }

  async disconnect(): Promise<void> {}
}
