/**
 * A key-value store for results of pure functions, shaped like keyv.
 *
 * Values are whatever the transport decoded (numbers, strings, arrays,
 * NDArray, Map, bigint, Date…); a store that leaves the process must
 * serialise them faithfully. Keys are already namespaced and hashed by the
 * caller; a cache only stores them.
 */
export interface Cache {
  /** Namespace that isolates this cache's keys from others in the same store. */
  readonly namespace: string;
  /** The stored value, or undefined when absent or expired. */
  get<T = unknown>(key: string): Promise<T | undefined>;
  /** Stores a value; `ttlMs` absent means no expiry, zero or less means store nothing. */
  set(key: string, value: unknown, ttlMs?: number): Promise<void>;
  /** Removes a key; resolves true when it existed. */
  delete(key: string): Promise<boolean>;
  /** Removes every key of this namespace. */
  clear(): Promise<void>;
  /** Closes connections to the store. Idempotent. */
  disconnect(): Promise<void>;
}
