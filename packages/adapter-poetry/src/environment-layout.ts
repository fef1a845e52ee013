import { join } from "node:path";
import type { EnvironmentSpec } from "@snakepit/core";

/** Where the files of one environment live. */
export interface EnvironmentLayout {
  /** `<projectDir>/.snakepit/envs`: every environment, their locks and staging folders. */
  readonly environmentsDir: string;
  /** `<projectDir>/.snakepit/envs/<name>`: pyproject.toml, poetry.lock, state.json and the venv. */
  readonly environmentDir: string;
  readonly pyprojectFile: string;
  readonly lockFile: string;
  /** Records what the current venv was built from; written last, so it is the commit point. */
  readonly stateFile: string;
  /** Held while a process changes the environment. */
  readonly mutexFile: string;
}

const folderSafeName = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Computes the layout of `spec`'s environment; rejects names that are not folder-safe. */
export function environmentLayout(spec: EnvironmentSpec): EnvironmentLayout {
  if (!folderSafeName.test(spec.name)) {
    throw new TypeError(`Environment name "${spec.name}" is not folder-safe; use letters, digits, ".", "_" and "-", starting with a letter or digit.`);
  }
  const environmentsDir = join(spec.projectDir, ".snakepit", "envs");
  const environmentDir = join(environmentsDir, spec.name);
  return {
    environmentsDir,
    environmentDir,
    pyprojectFile: join(environmentDir, "pyproject.toml"),
    lockFile: join(environmentDir, "poetry.lock"),
    stateFile: join(environmentDir, "state.json"),
    mutexFile: join(environmentsDir, `.${spec.name}.lock`),
  };
}

/** The interpreter inside a virtual environment folder. */
export function venvPython(venvDir: string): string {
  return process.platform === "win32" ? join(venvDir, "Scripts", "python.exe") : join(venvDir, "bin", "python");
}

/** An executable inside a virtual environment folder. */
export function venvExecutable(venvDir: string, name: string): string {
  return process.platform === "win32" ? join(venvDir, "Scripts", `${name}.exe`) : join(venvDir, "bin", name);
}
