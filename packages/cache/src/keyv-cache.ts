import { CodecError, type Cache } from "@snakepit/core";
import { Keyv, type KeyvStoreAdapter } from "keyv";
import { deserializeEntry, serializeEntry } from "./storage/v8-serialization.js";

export interface KeyvCacheOptions {
  /** Any keyv storage adapter (@keyv/redis, @keyv/sqlite…) or a Map. */
  readonly store: KeyvStoreAdapter | Map<string, unknown>;
  /** Isolates this cache's keys from others in the same store. Default "snakepit". */
  readonly namespace?: string;
  /**
   * Serialise values with node:v8 (default). Turn off only for a store inside
   * this process: values are then kept by reference, without copying.
   */
  readonly serialize?: boolean;
  /**
   * The adapter prefixes keys with its namespace itself, as @keyv/redis does,
   * so Keyv must not prefix them again. Default false.
   */
  readonly storePrefixesKeys?: boolean;
  /** How errors name the store ("Redis at redis://cache:6379"). Default "the keyv store". */
  readonly storeName?: string;
}

/**
 * The Cache port over any keyv store. Store errors reject the call instead of
 * being swallowed (keyv's default), so a broken Redis shows up in the caller's
 * stack trace.
 *
 * Give each KeyvCache its own adapter instance: keyv writes the namespace onto
 * the adapter, so two namespaces sharing one adapter object would clash. A
 * plain Map does not know namespaces, so `clear()` on it clears every one.
 *
 * @example
 * import KeyvRedis from "@keyv/redis";
 * const cache = new KeyvCache({ store: new KeyvRedis("redis://localhost:6379"), namespace: "app", storePrefixesKeys: true });
 */
export class KeyvCache implements Cache {
  readonly namespace: string;
  readonly #keyv: Keyv;
  readonly #storeName: string;
  /** Adapters report the real cause (ECONNREFUSED…) as an event and reject with a generic message; keep it for ours. */
  #lastStoreError: Error | undefined;
  #disconnected: Promise<void> | undefined;

  constructor(options: KeyvCacheOptions) {
    this.namespace = options.namespace ?? "snakepit";
    this.#storeName = options.storeName ?? "the keyv store";
    const serialize = options.serialize ?? true;
    this.#keyv = new Keyv(options.store, {
      namespace: this.namespace,
      useKeyPrefix: !options.storePrefixesKeys,
      throwOnErrors: true,
      serialize: serialize ? serializeEntry : undefined,
      deserialize: serialize ? deserializeEntry : undefined,
    });
    this.#keyv.on("error", (error: unknown) => {
      this.#lastStoreError = error instanceof Error ? error : new Error(String(error));
    });
  }

  get<T = unknown>(key: string): Promise<T | undefined> {
    return this.#run("get", () => this.#keyv.get<T>(key));
  }

  /** A TTL of zero or less stores nothing (the entry would be expired at once), as core's InMemoryCache does; keyv would read 0 as "never". */
  async set(key: string, value: unknown, ttlMs?: number): Promise<void> {
    await this.#run("set", () => (ttlMs !== undefined && ttlMs <= 0 ? this.#keyv.delete(key) : this.#keyv.set(key, value, ttlMs)));
  }

  delete(key: string): Promise<boolean> {
    return this.#run("delete", () => this.#keyv.delete(key));
  }

  clear(): Promise<void> {
    return this.#run("clear", () => this.#keyv.clear());
  }

  /** Closes the store's connections; later calls reject instead of silently reconnecting. */
  disconnect(): Promise<void> {
    this.#disconnected ??= this.#keyv.disconnect();
    return this.#disconnected;
  }

  /** Runs one store operation; failures name the cache, the operation and the store. */
  async #run<T>(operation: string, work: () => Promise<T>): Promise<T> {
    if (this.#disconnected) throw new Error(`Cannot ${operation} on cache "${this.namespace}": it was disconnected. Create a new cache instead.`);
    this.#lastStoreError = undefined;
    try {
      return await work();
    } catch (error) {
      if (error instanceof CodecError) throw error;
      // Set by the "error" listener while `work` ran; the cast undoes narrowing from the reset above.
      const storeError = this.#lastStoreError as Error | undefined;
      const reported = storeError && storeError !== error ? ` (${storeError.message})` : "";
      throw new Error(`Cache "${this.namespace}" could not ${operation} in ${this.#storeName}: ${(error as Error).message}${reported}`, { cause: error });
    }
  }
}
