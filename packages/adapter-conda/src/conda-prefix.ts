import { join } from "node:path";
import type { EnvironmentFiles } from "@snakepit/adapter-kit";

/** The interpreter of a conda prefix (not bin/ on Windows, unlike a venv). */
export function prefixPython(prefix: string): string {
  return process.platform === "win32" ? join(prefix, "python.exe") : join(prefix, "bin", "python");
}

/**
 * conda's files in the environment folder: environment.yml (the spec, for
 * people and `conda env create -f`), conda.lock.txt (every package pinned as
 * `name=version=build`, installable with `conda create --file`), and builds
 * that are prefixes, complete once conda wrote their conda-meta folder.
 */
export const condaFiles: EnvironmentFiles = {
  specFile: "environment.yml",
  lockFile: "conda.lock.txt",
  buildPrefix: "prefix",
  pythonOf: prefixPython,
  completeMarker: "conda-meta",
};
