import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { EnvironmentError } from "@snakepit/core";

/**
 * The distribution name of a local Python project, which uv needs to pair a
 * dependency with its path source. Read from pyproject.toml ([project] or
 * [tool.poetry]), else setup.cfg, else a literal `name=` in setup.py.
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
