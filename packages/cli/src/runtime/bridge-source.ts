import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The bridge's version on PyPI that matches this package. */
export const bridgeVersion = "0.1.0";

/**
 * Where environments get the Python bridge from: `SNAKEPIT_BRIDGE_PATH`, else
 * the `python/` folder of a Snakepit checkout this package runs from (so a
 * change to the bridge is live in development), else the published
 * `snakepit-bridge` of the same version.
 */
export function bridgeSource(): { readonly path: string } | { readonly requirement: string } {
  const explicit = process.env.SNAKEPIT_BRIDGE_PATH;
  if (explicit) return { path: explicit };
  let folder = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth++) {
    if (existsSync(join(folder, "python", "snakepit_bridge", "__init__.py"))) return { path: join(folder, "python") };
    folder = dirname(folder);
  }
  return { requirement: `snakepit-bridge==${bridgeVersion}` };
}
