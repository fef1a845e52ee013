import { join } from "node:path";
import type { EnvironmentSpec } from "@snakepit/core";
import { venvPython } from "./venv-paths.js";

/** What differs between managers in an environment folder; the rest of the layout is shared. */
export interface EnvironmentFiles {
  /** The spec in the tool's own format: "pyproject.toml", "requirements.in", "environment.yml". */
  readonly specFile: string;
  /** The tool's lock file: "uv.lock", "requirements.lock", "poetry.lock", "conda.lock.txt". */
  readonly lockFile: string;
  /** Start of each build folder's name; default "venv" ("venv-1a2b3c4d"); conda uses "prefix". */
  readonly buildPrefix?: string;
  /** The interpreter of a build; default venvPython (conda prefixes keep it elsewhere). */
  readonly pythonOf?: (root: string) => string;
  /** A path inside a build that exists only once the tool finished it; default "pyvenv.cfg" (conda: "conda-meta"). */
  readonly completeMarker?: string;
}

/** Where the files of one environment live. */
export interface EnvironmentLayout {
  /** The spec's environment name, checked to be folder-safe. */
  readonly name: string;
  /** `<projectDir>/.snakepit/envs`: every environment, their locks and staging folders. */
  readonly environmentsDir: string;
  /** `<projectDir>/.snakepit/envs/<name>`: the spec file, the lock, state.json and the builds. */
  readonly environmentDir: string;
  /** The spec in the tool's format, as the current build was made from it. */
  readonly specFile: string;
  readonly lockFile: string;
  /** Records what the current build was made from; written last, so it is the commit point. */
  readonly stateFile: string;
  /** Held while a process changes the environment. */
  readonly mutexFile: string;
  /** The file names of specFile and lockFile, which staging folders use too. */
  readonly specFileName: string;
  readonly lockFileName: string;
  readonly buildPrefix: string;
  readonly pythonOf: (root: string) => string;
  readonly completeMarker: string;
}

const folderSafeName = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Computes the layout of `spec`'s environment. Every manager uses the same
 * folders, so switching managers or reading a project by hand needs no
 * knowledge of the tool. Names that are not folder-safe are refused, because
 * the name becomes a path ("../escape" would leave .snakepit).
 *
 * @example
 * const layout = environmentLayout(spec, { specFile: "pyproject.toml", lockFile: "uv.lock" });
 * // layout.lockFile → "<projectDir>/.snakepit/envs/<name>/uv.lock"
 */
export function environmentLayout(spec: EnvironmentSpec, files: EnvironmentFiles): EnvironmentLayout {
  if (!folderSafeName.test(spec.name)) {
    throw new TypeError(`Environment name "${spec.name}" is not folder-safe; use letters, digits, ".", "_" and "-", starting with a letter or digit.`);
  }
  const environmentsDir = join(spec.projectDir, ".snakepit", "envs");
  const environmentDir = join(environmentsDir, spec.name);
  return {
    name: spec.name,
    environmentsDir,
    environmentDir,
    specFile: join(environmentDir, files.specFile),
    lockFile: join(environmentDir, files.lockFile),
    stateFile: join(environmentDir, "state.json"),
    mutexFile: join(environmentsDir, `.${spec.name}.lock`),
    specFileName: files.specFile,
    lockFileName: files.lockFile,
    buildPrefix: files.buildPrefix ?? "venv",
    pythonOf: files.pythonOf ?? venvPython,
    completeMarker: files.completeMarker ?? "pyvenv.cfg",
  };
}
