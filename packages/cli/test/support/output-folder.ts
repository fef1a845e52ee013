import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * A fresh folder inside the package (not the OS temp folder), so that
 * generated code resolves "@snakepit/core" through the workspace's
 * node_modules exactly as in a user's project. Removed by `cleanup`.
 */
export async function outputFolder(prefix: string): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const root = fileURLToPath(new URL("../../.test-output/", import.meta.url));
  await mkdir(root, { recursive: true });
  const path = await mkdtemp(join(root, `${prefix}-`));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}
