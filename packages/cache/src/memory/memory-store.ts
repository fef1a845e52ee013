import { approximateSize } from "./approximate-size.js";

export interface MemoryStoreOptions {
  /** Most entries kept, across all namespaces. Default 10,000. */
  readonly maxEntries?: number;
  /** Approximate bytes kept, across all namespaces. Default 64 MiB. */
  readonly maxBytes?: number;
  /** Clock, replaceable in tests of expiry. */
  readonly now?: () => number;
}

interface Entry {
  readonly value: unknown;
  readonly bytes: number;
  readonly expiresAt: number;
}

/**
 * A least-recently-used map bounded by entry count and by approximate bytes,
 * so one huge NDArray cannot push the process out of memory the way a count
 * bound alone would allow. Several caches (namespaces) can share one store and
 * one budget. Values are kept by reference: nothing is copied.
 */
export class MemoryStore {
  readonly maxEntries: number;
  readonly maxBytes: number;
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;
  #bytes = 0;
  /** The key inserted or re-inserted last: the most recently used. */
  #newest: string | undefined;

  constructor(options: MemoryStoreOptions = {}) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.#now = options.now ?? Date.now;
  }

  /** Entries held (expired ones included until touched). */
  get size(): number {
    return this.#entries.size;
  }

  /** Approximate bytes held. */
  get bytes(): number {
    return this.#bytes;
  }

  get(key: string): unknown {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.#now()) {
      this.delete(key);
      return undefined;
    }
    // Re-inserting marks the entry most recently used (a Map iterates in insertion order);
    // the entry read last is already there, and a hot key is read again and again.
    if (key !== this.#newest) {
      this.#entries.delete(key);
      this.#entries.set(key, entry);
      this.#newest = key;
    }
    return entry.value;
  }

  /** Stores a value; one larger than maxBytes on its own is not kept at all. */
  set(key: string, value: unknown, ttlMs?: number): void {
    this.delete(key);
    const bytes = approximateSize(key) + approximateSize(value);
    if (bytes > this.maxBytes) return;
    this.#entries.set(key, { value, bytes, expiresAt: ttlMs === undefined ? Number.POSITIVE_INFINITY : this.#now() + ttlMs });
    this.#newest = key;
    this.#bytes += bytes;
    this.#evict();
  }

  delete(key: string): boolean {
    const entry = this.#entries.get(key);
    if (!entry) return false;
    this.#entries.delete(key);
    if (key === this.#newest) this.#newest = undefined;
    this.#bytes -= entry.bytes;
    return entry.expiresAt > this.#now();
  }

  /** Removes every key that starts with `prefix` (one namespace). */
  deletePrefix(prefix: string): void {
    for (const key of [...this.#entries.keys()]) if (key.startsWith(prefix)) this.delete(key);
  }

  #evict(): void {
    for (const [key] of this.#entries) {
      if (this.#entries.size <= this.maxEntries && this.#bytes <= this.maxBytes) return;
      this.delete(key);
    }
  }
}
