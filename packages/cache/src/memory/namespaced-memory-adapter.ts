import type { KeyvStoreAdapter, StoredData } from "keyv";
import type { MemoryStore } from "./memory-store.js";

/**
 * One namespace's view of a shared MemoryStore, as a keyv storage adapter. It
 * prefixes keys itself (so keyv is told not to), which lets `clear()` remove
 * exactly this namespace and leave the others sharing the store alone.
 */
export class NamespacedMemoryAdapter implements KeyvStoreAdapter {
  readonly opts = {};
  /** Written by keyv; the prefix below is fixed at construction and does not follow it. */
  namespace?: string;
  readonly #prefix: string;

  constructor(private readonly store: MemoryStore, namespace: string) {
    this.namespace = namespace;
    this.#prefix = `${namespace}:`;
  }

  async get<Value>(key: string): Promise<StoredData<Value> | undefined> {
    return this.store.get(this.#prefix + key) as StoredData<Value> | undefined;
  }

  async set(key: string, value: unknown, ttl?: number): Promise<boolean> {
    this.store.set(this.#prefix + key, value, ttl);
    return true;
  }

  async delete(key: string): Promise<boolean> {
    return this.store.delete(this.#prefix + key);
  }

  async clear(): Promise<void> {
    this.store.deletePrefix(this.#prefix);
  }

  async disconnect(): Promise<void> {}

  /** Keyv subscribes to "error"; a memory store never emits one. */
  on(): this {
    return this;
  }
}
