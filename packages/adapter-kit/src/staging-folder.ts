import { randomUUID } from "node:crypto";
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { EnvironmentLayout } from "./environment-layout.js";

/** A folder where a build prepares the new spec and lock files before they replace the current ones. */
export interface StagingFolder {
  readonly path: string;
  /** The new spec file (same name as layout.specFile). */
  readonly specFile: string;
  /** Where the new lock goes (same name as layout.lockFile). */
  readonly lockFile: string;
}

export interface StagingOptions {
  /** Copy the current lock into the staging folder, so a tool that relocks keeps its pins (uv, Poetry). */
  readonly carryLock?: boolean;
}

/**
 * Runs `work` with a fresh staging folder holding the new spec file, and
 * always removes it. It sits next to the environment folder (same depth, so
 * relative paths a tool writes into its lock stay valid after the move), and
 * its name carries this process's pid, so removeAbandonedStaging can tell a
 * killed build's folder from a running one's.
 *
 * @example
 * await withStagingFolder(layout, requirementsIn(spec), async (staging) => { … });
 */
export async function withStagingFolder<T>(layout: EnvironmentLayout, specText: string, work: (staging: StagingFolder) => Promise<T>, options: StagingOptions = {}): Promise<T> {
  const path = join(layout.environmentsDir, `${stagingPrefix(layout)}pid${process.pid}-${randomUUID().slice(0, 8)}`);
  const staging = { path, specFile: join(path, layout.specFileName), lockFile: join(path, layout.lockFileName) };
  await mkdir(path, { recursive: true });
  try {
    await writeFile(staging.specFile, specText);
    if (options.carryLock && (await exists(layout.lockFile))) await copyFile(layout.lockFile, staging.lockFile);
    return await work(staging);
  } finally {
    await rm(path, { recursive: true, force: true });
  }
}

/**
 * Whether the current lock was made from this very spec file; if so it is
 * copied into the staging folder. Installing it then reproduces the
 * environment exactly, so resolving is skipped: a teammate's committed lock
 * is installed as pinned, not re-resolved.
 *
 * @example
 * if (!(await reuseCurrentLock(layout, staging))) await resolve(staging);
 */
export async function reuseCurrentLock(layout: EnvironmentLayout, staging: StagingFolder): Promise<boolean> {
  const current = await readFile(layout.specFile, "utf8").catch(() => undefined);
  if (current !== (await readFile(staging.specFile, "utf8")) || !(await exists(layout.lockFile))) return false;
  await copyFile(layout.lockFile, staging.lockFile);
  return true;
}

/**
 * Moves the staged spec and lock files into the environment folder. Renames
 * within one file system, so each file is either the old or the new one.
 *
 * @example
 * await adoptStagedFiles(layout, staging);
 */
export async function adoptStagedFiles(layout: EnvironmentLayout, staging: StagingFolder): Promise<void> {
  await mkdir(layout.environmentDir, { recursive: true });
  await rename(staging.specFile, layout.specFile);
  await rename(staging.lockFile, layout.lockFile);
}

/**
 * Deletes the staging folders of this environment whose builder process is
 * gone (crash, kill -9); folders of builds still running are left alone.
 * Called under the environment lock, before a new build starts.
 *
 * @example
 * await removeAbandonedStaging(layout);
 */
export async function removeAbandonedStaging(layout: EnvironmentLayout): Promise<void> {
  const entries = await readdir(layout.environmentsDir).catch(() => [] as string[]);
  await Promise.all(entries
    .filter((entry) => entry.startsWith(stagingPrefix(layout)) && isAbandoned(entry))
    .map((entry) => rm(join(layout.environmentsDir, entry), { recursive: true, force: true })));
}

function stagingPrefix(layout: EnvironmentLayout): string {
  return `.staging-${layout.name}-`;
}

/** Staging names carry the pid of their builder; abandoned when that process is gone. */
function isAbandoned(entry: string): boolean {
  const pid = Number(/-pid(\d+)-/.exec(entry)?.[1]);
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}
