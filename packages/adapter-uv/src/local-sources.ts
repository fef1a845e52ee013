import { relative, sep } from "node:path";
import { namedLocalProjects } from "@snakepit/adapter-kit";
import type { EnvironmentSpec } from "@snakepit/core";
import type { LocalSource } from "./generated-pyproject.js";

/**
 * The spec's local projects and a bridge given as a folder, named from their
 * own metadata, with paths relative to the environment folder (uv records
 * them so in uv.lock, which keeps the lock valid wherever the repo lives).
 */
export async function resolveLocalSources(spec: EnvironmentSpec, environmentDir: string): Promise<LocalSource[]> {
  return (await namedLocalProjects(spec)).map((project) => ({
    name: project.name, path: relative(environmentDir, project.folder).split(sep).join("/") || ".", editable: project.editable,
  }));
}
