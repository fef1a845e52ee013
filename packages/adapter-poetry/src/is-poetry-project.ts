import { readFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * Whether `projectDir` is a Poetry project (its pyproject.toml has a
 * [tool.poetry] table), for choosing Poetry over the default manager.
 *
 * @example
 * if (await isPoetryProject(process.cwd())) manager = new PoetryEnvironmentManager();
 */
export async function isPoetryProject(projectDir: string): Promise<boolean> {
  const pyproject = await readFile(join(projectDir, "pyproject.toml"), "utf8").catch(() => "");
  return /^\s*\[tool\.poetry(\.[^\]]*)?\]\s*$/m.test(pyproject);
}
