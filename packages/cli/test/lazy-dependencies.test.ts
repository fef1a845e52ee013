import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";

/**
 * Importing the runtime must not load the heavy optional dependencies: Redis,
 * the openai SDK and Connect load when a Redis cache, an LLM generator or a
 * Connect transport is first made (`loadOnFirstUse`). Before, `import "snakepit"`
 * loaded 1,740 modules and a 30 MB heap, which every full GC marks again.
 */
const repository = fileURLToPath(new URL("../../../", import.meta.url));
const node = join(repository, "node_modules", ".bin", "node");
const entry = join(repository, "packages", "cli", "dist", "index.js");

/** The packages whose modules a child process loaded after running `script`. */
function packagesLoadedBy(script: string): Set<string> {
  const recorder = `
    import { registerHooks } from "node:module";
    const seen = new Set();
    registerHooks({ resolve(specifier, context, next) { const resolved = next(specifier, context); seen.add(resolved.url); return resolved; } });
    process.on("exit", () => process.stdout.write(JSON.stringify([...seen])));
  `;
  const result = spawnSync(node, ["--import", `data:text/javascript,${encodeURIComponent(recorder)}`, "--input-type=module", "-e", script], { cwd: repository, encoding: "utf8", timeout: 60_000 });
  expect(result.status, result.stderr).toBe(0);
  const urls = JSON.parse(result.stdout) as string[];
  return new Set(urls.map((url) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1]).filter((name): name is string => name !== undefined));
}

describe.skipIf(!existsSync(entry))("optional dependencies load on first use", () => {
  test("import \"snakepit\" loads neither node-redis, the openai SDK nor Connect", () => {
    const loaded = packagesLoadedBy(`await import(${JSON.stringify(entry)});`);
    expect(loaded.has("@grpc/grpc-js")).toBe(true); // the recorder works: the runtime's own transport is there
    for (const heavy of ["@keyv/redis", "@redis/client", "openai", "@connectrpc/connect", "@connectrpc/connect-node"]) expect(loaded.has(heavy), heavy).toBe(false);
  });

  test("each loads when first needed: a Redis cache, an LLM generator, a Connect transport", () => {
    const loaded = packagesLoadedBy(`
      const { createRedisCache } = await import("@snakepit/cache");
      const { LlmCatalogGenerator } = await import("@snakepit/llm-analyzer");
      const { ConnectTransport } = await import("@snakepit/transport-grpc");
      createRedisCache({ url: "redis://127.0.0.1:1" });
      new LlmCatalogGenerator({ apiKey: "test-key", baseURL: "http://127.0.0.1:1/v1" });
      new ConnectTransport({ id: "w1", address: "unix:/nonexistent.sock" }).close();
    `);
    for (const heavy of ["@keyv/redis", "@redis/client", "openai", "@connectrpc/connect", "@connectrpc/connect-node"]) expect(loaded.has(heavy), heavy).toBe(true);
  });
});
