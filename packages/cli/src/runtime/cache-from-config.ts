import { ConfigError, type Cache, type SnakepitConfig } from "@snakepit/core";
import { createMemoryCache, createRedisCache } from "@snakepit/cache";

/**
 * The result cache a configuration asks for: none when `execution.cache.enabled`
 * is false, Redis when `store` is "redis" (shared across processes and hosts),
 * otherwise a bounded in-memory LRU. Only functions marked pure use it.
 */
export function cacheFromConfig(config: SnakepitConfig): Cache | undefined {
  const settings = config.execution?.cache ?? {};
  if (settings.enabled === false) return undefined;
  if (settings.store === "redis") {
    const url = settings.redisUrl ?? process.env.SNAKEPIT_REDIS_URL;
    if (!url) throw new ConfigError('execution.cache.store is "redis" but no Redis URL is set: add execution.cache.redisUrl, or set SNAKEPIT_REDIS_URL.');
    return createRedisCache({ url });
  }
  return createMemoryCache();
}
