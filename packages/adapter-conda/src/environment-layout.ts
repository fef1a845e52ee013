import { join } from "node:path";
import type { EnvironmentSpec } from "@snakepit/core";

/** Where the files of one environment live. */
export interface EnvironmentLayout {
  readonly environmentsDir: string;
  /** `<projectDir>/.snakepit/envs/<name>`: environment.yml, conda.lock.txt, state.json and the prefix. */
  readonly environmentDir: string;
  /** The spec as conda's environment file, for people and for `conda env create -f`. */
  readonly environmentFile: string;
  /** Every package pinned as `name=version=build`, installable with `conda create --file`. */
  readonly lockFile: string;
  readonly stateFile: string;
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
    environmentFile: join(environmentDir, "environment.yml"),
    lockFile: join(environmentDir, "conda.lock.txt"),
    stateFile: join(environmentDir, "state.json"),
    mutexFile: join(environmentsDir, `.${spec.name}.lock`),
  };
}

/** The interpreter of a conda prefix. */
export function prefixPython(prefix: string): string {
  return process.platform === "win32" ? join(prefix, "python.exe") : join(prefix, "bin", "python");
}
