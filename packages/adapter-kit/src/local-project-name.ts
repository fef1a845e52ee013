import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { EnvironmentError, type EnvironmentSpec } from "@snakepit/core";
import { localProjects, type LocalProject } from "./spec-contents.js";

/**
 * The distribution name of a local Python project: tools that take local
 * projects as path dependencies (uv's sources, Poetry's `path =`) need the
 * name to pair the dependency with its folder. Read from pyproject.toml
 * ([project] or [tool.poetry]), else setup.cfg, else a literal `name=` in
 * setup.py, without building anything.
 *
 * @example
 * await localProjectName("/repo/python") // "snakepit-bridge"
 */
export async function localProjectName(projectFolder: string): Promise<string> {
  const pyproject = await readOptional(join(projectFolder, "pyproject.toml"));
  const name = (pyproject && (tableValue(pyproject, "project", "name") ?? tableValue(pyproject, "tool.poetry", "name")))
    ?? tableValue((await readOptional(join(projectFolder, "setup.cfg"))) ?? "", "metadata", "name")
    ?? /\bname\s*=\s*["']([^"']+)["']/.exec((await readOptional(join(projectFolder, "setup.py"))) ?? "")?.[1];
  if (!name) {
    throw new EnvironmentError(
      `Could not find the name of the local Python project in ${projectFolder}.`,
      "Give it a pyproject.toml with a [project] table naming it (name = \"my-package\"), or check the path in your config.",
    );
  }
  return name;
}

/** A string value of `key` in TOML or INI table `table`; enough for names, not a TOML parser. */
function tableValue(text: string, table: string, key: string): string | undefined {
  let inTable = false;
  for (const line of text.split(/\r?\n/)) {
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (header) {
      inTable = header[1]?.trim() === table;
      continue;
    }
    if (!inTable) continue;
    const match = new RegExp(`^\\s*${key}\\s*=\\s*["']?([^"'#\\s]+)["']?`).exec(line);
    if (match?.[1]) return match[1];
  }
  return undefined;
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch {
    return undefined;
  }
}

/** A local project with the name its own metadata gives it. */
export interface NamedLocalProject extends LocalProject {
  readonly name: string;
}

/**
 * The spec's local projects (see localProjects) with their distribution names.
 *
 * @example
 * await namedLocalProjects(spec) // [{ name: "snakepit-bridge", folder: "/repo/python", editable: true }]
 */
export async function namedLocalProjects(spec: EnvironmentSpec): Promise<NamedLocalProject[]> {
  return Promise.all(localProjects(spec).map(async (project) => ({ ...project, name: await localProjectName(project.folder) })));
}
