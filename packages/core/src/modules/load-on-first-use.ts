import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/**
 * A getter that loads an ES module synchronously the first time it is called
 * and returns its namespace after that (the same instance a later `import`
 * gets: Node ≥ 22 can `require` an ES module without top-level await).
 *
 * Why: an adapter package exports everything from one entry, and a static
 * import of an optional heavy dependency makes every program pay for it,
 * used or not. `import "snakepit"` loaded 1,740 modules (a 30 MB heap):
 * node-redis (423 modules), the openai SDK (236) and Connect alone held
 * about half of it. The caller resolves the specifier itself
 * (`import.meta.resolve`, in a thunk so that nothing is resolved before it
 * is needed), so the module comes from the caller's own dependencies.
 *
 * @example
 * import type * as Redis from "@keyv/redis";
 * const redis = loadOnFirstUse<typeof Redis>(() => import.meta.resolve("@keyv/redis"));
 * const store = new (redis().default)({ url });
 */
export function loadOnFirstUse<Namespace>(resolve: () => string): () => Namespace {
  let loaded: Namespace | undefined;
  return () => {
    if (loaded === undefined) {
      const url = resolve();
      loaded = createRequire(url)(fileURLToPath(url)) as Namespace;
    }
    return loaded;
  };
}
