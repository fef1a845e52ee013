import { createClient } from "@redis/client";
import { createSnakepit, type Transport } from "@snakepit/core";
import { createMemoryCache, createRedisCache } from "@snakepit/cache";
import { sequentialLatency } from "../scenarios.js";
import { startRedisServer } from "./redis-server.js";

/** p50 of a cache hit, in microseconds: the call never leaves Node. */
export async function memoryCacheHitUs(transport: Transport, calls: number): Promise<number> {
  const py = createSnakepit({ transport, cache: createMemoryCache() });
  const summary = await sequentialLatency((target, args) => py.call(target, args, {}, { pure: true }), "operator.add", [1, 2], calls);
  return summary.p50Us;
}

/** p50 of a Redis cache hit and of a bare node-redis GET of a value of the same size, same server, same run. */
export async function redisCacheHitUs(transport: Transport, calls: number): Promise<{ hitUs: number; bareGetUs: number }> {
  const redis = await startRedisServer();
  const cache = createRedisCache({ url: redis.url, namespace: "bench" });
  const client = createClient({ url: redis.url });
  try {
    const py = createSnakepit({ transport, cache });
    const hit = await sequentialLatency((target, args) => py.call(target, args, {}, { pure: true }), "operator.add", [1, 2], calls);
    await client.connect();
    await client.set("bench-bare", "x".repeat(64));
    const bare = await sequentialLatency(() => client.get("bench-bare"), "", [], calls);
    return { hitUs: hit.p50Us, bareGetUs: bare.p50Us };
  } finally {
    await client.close().catch(() => undefined);
    await cache.disconnect();
    await redis.stop();
  }
}
