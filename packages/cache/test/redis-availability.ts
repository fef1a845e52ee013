import { inject } from "vitest";

/** SNAKEPIT_SKIP_REDIS=1 skips the Redis tests on purpose; without it a missing Redis fails them. */
export const skipRedis = process.env.SNAKEPIT_SKIP_REDIS === "1";

/** Title for a Redis block that says why it was skipped, when it was. */
export function redisTitle(title: string): string {
  return skipRedis ? `${title} (skipped: SNAKEPIT_SKIP_REDIS=1)` : title;
}

/** The test Redis URL; throws the install instructions when there is no Redis. */
export function redisUrl(): string {
  const problem = inject("redisProblem");
  if (problem) throw new Error(problem);
  return inject("redisUrl");
}
