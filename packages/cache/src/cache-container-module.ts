import { cacheId, type Cache } from "@snakepit/core";
import { ContainerModule, type ContainerModuleLoadOptions } from "inversify";
import { createMemoryCache, type MemoryCacheOptions } from "./create-memory-cache.js";
import { createRedisCache, type RedisCacheOptions } from "./create-redis-cache.js";

/** Which store backs the cache, and its options. */
export type CacheModuleOptions =
  | ({ readonly store: "memory" } & MemoryCacheOptions)
  | ({ readonly store: "redis" } & RedisCacheOptions);

/**
 * Binds a Cache for core's facade: the bounded memory cache or Redis. The
 * cache is a singleton and is disconnected when the container unbinds it.
 *
 * @example
 * container.load(CoreContainerModule.fromOptions(), transportModule, CacheContainerModule.fromOptions({ store: "redis", url: process.env.REDIS_URL ?? "redis://localhost:6379" }));
 */
export class CacheContainerModule extends ContainerModule {
  private constructor(load: (options: ContainerModuleLoadOptions) => void) {
    super(load);
  }

  static fromOptions(options: CacheModuleOptions = { store: "memory" }): CacheContainerModule {
    return new CacheContainerModule(({ bind }) => {
      bind(cacheId)
        .toResolvedValue((): Cache => (options.store === "redis" ? createRedisCache(options) : createMemoryCache(options)))
        .inSingletonScope()
        .onDeactivation((cache) => cache.disconnect());
    });
  }
}
