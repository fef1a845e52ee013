import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/**
 * Loads an ES module synchronously, the first time a caller needs it, and
 * returns its namespace (the same instance a later `import` gets: Node ≥ 22
 * can `require` an ES module without top-level await).
 *
 * Why: an adapter package exports everything from one entry, and a static
 * import of an optional heavy dependency makes every program pay for it,
 * used or not. `import "snakepit"` loaded 1,740 modules (a 30 MB heap):
 * node-redis (423 modules), the openai SDK (236) and Connect alone held
 * about half of it, and every full garbage collection marks the whole heap
 * again, so a program that moves large arrays paid for Redis it never used.
 * The caller resolves the specifier itself (`import.meta.resolve`), so the
 * module comes from the caller's own dependencies.
 *
 * @example
 * import type * as Redis from "@keyv/redis";
 * let redis: typeof Redis | undefined;
 * const KeyvRedis = (redis ??= loadOnFirstUse<typeof Redis>(import.meta.resolve("@keyv/redis"))).default;
 */
export function loadOnFirstUse<Namespace>(resolvedUrl: string): Namespace {
  return createRequire(resolvedUrl)(fileURLToPath(resolvedUrl)) as Namespace;
}
