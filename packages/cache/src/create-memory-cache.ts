import { KeyvCache } from "./keyv-cache.js";
import { MemoryStore, type MemoryStoreOptions } from "./memory/memory-store.js";
import { NamespacedMemoryAdapter } from "./memory/namespaced-memory-adapter.js";

export interface MemoryCacheOptions extends MemoryStoreOptions {
  /** Default "snakepit". */
  readonly namespace?: string;
  /** A store to share with other caches (one memory budget for several namespaces); bounds then come from it. */
  readonly sharedStore?: MemoryStore;
}

/**
 * The default cache: in this process, LRU, bounded by entry count and by
 * approximate bytes. Values are kept by reference, not copied: do not mutate
 * a result you got from a cached call.
 *
 * @example
 * const cache = createMemoryCache({ maxEntries: 1_000, maxBytes: 256 * 1024 * 1024 });
 * const py = createSnakepit({ transport, cache });
 */
export function createMemoryCache(options: MemoryCacheOptions = {}): KeyvCache {
  const namespace = options.namespace ?? "snakepit";
  const store = options.sharedStore ?? new MemoryStore(options);
  return new KeyvCache({ store: new NamespacedMemoryAdapter(store, namespace), namespace, serialize: false, storePrefixesKeys: true });
}
