/**
 * @snakepit/cache: the Cache port on keyv. A bounded in-memory LRU by default,
 * Redis through @keyv/redis, or any keyv store through KeyvCache.
 */
export { KeyvCache, type KeyvCacheOptions } from "./keyv-cache.js";
export { createMemoryCache, type MemoryCacheOptions } from "./create-memory-cache.js";
export { MemoryStore, type MemoryStoreOptions } from "./memory/memory-store.js";
export { createRedisCache, type RedisCacheOptions } from "./create-redis-cache.js";
export { CacheContainerModule, type CacheModuleOptions } from "./cache-container-module.js";
export { serializeEntry, deserializeEntry } from "./storage/v8-serialization.js";
export { approximateSize } from "./memory/approximate-size.js";
