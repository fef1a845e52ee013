import { relative, resolve, sep } from "node:path";
import type { EnvironmentSpec } from "@snakepit/core";
import type { LocalSource } from "./generated-pyproject.js";
import { localProjectName } from "./local-project-name.js";

/**
 * The spec's local projects and a bridge given as a folder, named from their
 * own metadata, with paths relative to the environment folder (uv records
 * them so in uv.lock, which keeps the lock valid wherever the repo lives).
 */
export async function resolveLocalSources(spec: EnvironmentSpec, environmentDir: string): Promise<LocalSource[]> {
  const entries = [
    ...(spec.localPackages ?? []).map((item) => ({ path: item.path, editable: item.editable ?? true })),
    ...(spec.bridge && "path" in spec.bridge ? [{ path: spec.bridge.path, editable: true }] : []),
  ];
  return Promise.all(entries.map(async (entry) => {
    const folder = resolve(spec.projectDir, entry.path);
    return { name: await localProjectName(folder), path: relative(environmentDir, folder).split(sep).join("/") || ".", editable: entry.editable };
  }));
}

/** Requirements of the spec plus the bridge when it comes from an index. */
export function requirementsOf(spec: EnvironmentSpec): string[] {
  return [...spec.packages, ...(spec.bridge && "requirement" in spec.bridge ? [spec.bridge.requirement] : [])];
}
