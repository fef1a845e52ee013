import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The bridge the suite installs: the repository's own python/ folder when it
 * is a complete project, else a tiny stand-in named snakepit-bridge, so the
 * adapter tests do not wait on the bridge's development.
 */
export function bridgeFolder(): string {
  const repositoryBridge = fileURLToPath(new URL("../../../../python", import.meta.url));
  if (process.env["SNAKEPIT_TEST_REAL_BRIDGE"] !== "0" && existsSync(join(repositoryBridge, "pyproject.toml"))) {
    return repositoryBridge;
  }
  const folder = mkdtempSync(join(tmpdir(), "snakepit-bridge-fixture-"));
  mkdirSync(join(folder, "snakepit_bridge"));
  writeFileSync(join(folder, "snakepit_bridge", "__init__.py"), '__version__ = "0.0.0"\n');
  writeFileSync(join(folder, "pyproject.toml"), [
    "[project]", 'name = "snakepit-bridge"', 'version = "0.0.0"', "",
    "[build-system]", 'requires = ["setuptools>=61"]', 'build-backend = "setuptools.build_meta"', "",
  ].join("\n"));
  return folder;
}
