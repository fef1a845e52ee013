import { isAbsolute, resolve } from "node:path";
import type { EnvironmentSpec, SnakepitConfig } from "@snakepit/core";
import { bridgeSource } from "./bridge-source.js";

/**
 * The environment a configuration needs: every library's package, local
 * projects installed editable, the requested Python, and the bridge.
 */
export function environmentSpecFor(config: SnakepitConfig, projectDir: string, extraPackages: readonly string[] = []): EnvironmentSpec {
  const libraries = Object.values(config.libraries);
  const packages = [...new Set([...libraries.flatMap((library) => (library.package ? [library.package] : [])), ...extraPackages])];
  const localPackages = libraries.flatMap((library) => (library.path ? [{ path: isAbsolute(library.path) ? library.path : resolve(projectDir, library.path), editable: true }] : []));
  return {
    name: config.environment?.name ?? "default",
    projectDir,
    packages,
    ...(localPackages.length ? { localPackages } : {}),
    ...(config.python ? { python: config.python } : {}),
    bridge: bridgeSource(),
  };
}
