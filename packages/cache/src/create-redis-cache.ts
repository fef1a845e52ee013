import type * as KeyvRedisModule from "@keyv/redis";
import { loadOnFirstUse } from "@snakepit/core";
import { KeyvCache } from "./keyv-cache.js";

/** node-redis is 423 modules: loaded by the first Redis cache, not by every program that imports this package. */
const keyvRedis = loadOnFirstUse<typeof KeyvRedisModule>(() => import.meta.resolve("@keyv/redis"));

export interface RedisCacheOptions {
  /** Redis URL ("redis://user:password@host:6379/0", "rediss://" for TLS). */
  readonly url: string;
  /** Keys are stored as "<namespace>::<key>"; `clear()` removes only these. Default "snakepit". */
  readonly namespace?: string;
  /** Give up opening one connection after this many milliseconds. Default 5,000. */
  readonly connectTimeoutMs?: number;
  /** Reconnection attempts before an operation fails; the next operation tries again. Default 3. */
  readonly maxReconnectAttempts?: number;
}

/**
 * A cache in Redis, shared by every process that uses the same URL and
 * namespace. Values are serialised with node:v8 plus class tags, so bigint,
 * Map, Date, typed arrays, NDArray and PyTuple come back as they went in.
 *
 * Connection limits are set on the node-redis socket rather than with
 * @keyv/redis's `connectionTimeout`, whose timer is never cleared and keeps
 * the process alive for the whole timeout after every connect. Retries are
 * bounded so an unreachable Redis fails the operation quickly instead of
 * hanging it; the next operation reconnects.
 *
 * @example
 * const cache = createRedisCache({ url: "redis://localhost:6379", namespace: "my-app" });
 * const py = createSnakepit({ transport, cache });
 */
export function createRedisCache(options: RedisCacheOptions): KeyvCache {
  const namespace = options.namespace ?? "snakepit";
  const maxReconnectAttempts = options.maxReconnectAttempts ?? 3;
  const store = new (keyvRedis().default)(
    {
      url: options.url,
      socket: {
        connectTimeout: options.connectTimeoutMs ?? 5_000,
        reconnectStrategy: (attempts: number, cause: Error) =>
          attempts >= maxReconnectAttempts ? new Error(`Could not reach Redis at ${redactedUrl(options.url)} after ${attempts} attempts: ${cause.message}`, { cause }) : Math.min(100 * 2 ** attempts, 1_000),
      },
    },
    { namespace, throwOnConnectError: true, throwOnErrors: true },
  );
  return new KeyvCache({ store, namespace, storePrefixesKeys: true, storeName: `Redis at ${redactedUrl(options.url)}` });
}

/** The URL without its password, for error messages. */
function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable URL)";
  }
}
