import { readFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * The interpreter inside a virtual environment folder.
 *
 * @example
 * venvPython("/p/.snakepit/envs/main/venv-1a2b3c4d") // ".../venv-1a2b3c4d/bin/python" (Scripts\python.exe on Windows)
 */
export function venvPython(venvDir: string): string {
  return venvExecutable(venvDir, "python");
}

/**
 * An executable inside a virtual environment folder.
 *
 * @example
 * venvExecutable(".snakepit/tools/uv-venv", "uv") // ".snakepit/tools/uv-venv/bin/uv"
 */
export function venvExecutable(venvDir: string, name: string): string {
  return process.platform === "win32" ? join(venvDir, "Scripts", `${name}.exe`) : join(venvDir, "bin", name);
}

/**
 * "3.11.7" from a venv's pyvenv.cfg, read instead of starting Python (which
 * costs tens of milliseconds); undefined when the file says nothing.
 *
 * @example
 * await venvVersion("/p/.snakepit/envs/main/venv-1a2b3c4d") // "3.11.7"
 */
export async function venvVersion(venvDir: string): Promise<string | undefined> {
  const config = await readFile(join(venvDir, "pyvenv.cfg"), "utf8").catch(() => "");
  return /^version(?:_info)?\s*=\s*(\S+)/m.exec(config)?.[1];
}
