import { cacheSuite } from "@snakepit/conformance";
import { describe, test } from "vitest";
import { createRedisCache } from "../src/index.js";
import { redisTitle, redisUrl, skipRedis } from "./redis-availability.js";

describe.skipIf(skipRedis)(redisTitle("Redis cache (real redis-server)"), () => {
  cacheSuite(test, ({ namespace }) => createRedisCache({ url: redisUrl(), namespace }));
});
