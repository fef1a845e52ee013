import { randomUUID } from "node:crypto";
import { mkdir, readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import type { EnvironmentLayout } from "./environment-layout.js";

/** A new build of an environment: a folder beside the current one. */
export interface BuildFolder {
  /** "venv-1a2b3c4d" */
  readonly name: string;
  readonly path: string;
}

/**
 * Runs `work` with a new build folder (`venv-<id>`, or the layout's prefix)
 * in the environment folder. The current build keeps working beside it until
 * state.json names the new one; if `work` fails, the new folder is removed
 * (with the environment folder, when this build created it), so a failure
 * leaves everything as it was. The build folder itself is not created:
 * `python -m venv` and `conda create -p` want to create theirs.
 *
 * @example
 * return inNewBuildFolder(layout, async (folder) => {
 *   await runCommand(python, ["-m", "venv", folder.path]);
 *   return commitBuild({ …, folder, pythonVersion });
 * });
 */
export async function inNewBuildFolder<T>(layout: EnvironmentLayout, work: (folder: BuildFolder) => Promise<T>): Promise<T> {
  const name = `${layout.buildPrefix}-${randomUUID().slice(0, 8)}`;
  const path = join(layout.environmentDir, name);
  const createdEnvironmentDir = !(await stat(layout.environmentDir).then(() => true, () => false));
  try {
    await mkdir(layout.environmentDir, { recursive: true });
    return await work({ name, path });
  } catch (error) {
    await rm(createdEnvironmentDir ? layout.environmentDir : path, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Deletes every build but `keep`: the previous one, and any left by a build
 * that was killed. Only after state.json names `keep`.
 *
 * @example
 * await removeOtherBuilds(layout, "venv-1a2b3c4d");
 */
export async function removeOtherBuilds(layout: EnvironmentLayout, keep: string): Promise<void> {
  const entries = await readdir(layout.environmentDir);
  await Promise.all(entries.filter((entry) => entry.startsWith(`${layout.buildPrefix}-`) && entry !== keep)
    .map((entry) => rm(join(layout.environmentDir, entry), { recursive: true, force: true })));
}
