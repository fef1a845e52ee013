import { mkdir, rm } from "node:fs/promises";
import type { EnvironmentOperationOptions } from "@snakepit/core";
import type { EnvironmentLayout } from "./environment-layout.js";
import { withExclusiveLock } from "./exclusive-lock.js";
import { removeAbandonedStaging } from "./staging-folder.js";

export interface EnvironmentLockOptions extends EnvironmentOperationOptions {
  /** Manager name for the "waiting for …" progress event. */
  readonly manager: string;
  /** Longest wait for another process; default 10 minutes. */
  readonly timeoutMs?: number | undefined;
}

/**
 * Runs `work` while holding the environment's lock, so two processes
 * changing the same environment take turns. Once it holds the lock it clears
 * staging folders left by killed builds, which nobody else can be using.
 * A wait is reported as progress, because a silent wait looks like a hang.
 *
 * @example
 * return withEnvironmentLock(layout, { manager: "uv", ...options }, () => build.lockOnly());
 */
export async function withEnvironmentLock<T>(layout: EnvironmentLayout, options: EnvironmentLockOptions, work: () => Promise<T>): Promise<T> {
  await mkdir(layout.environmentsDir, { recursive: true });
  return withExclusiveLock(layout.mutexFile, async () => {
    await removeAbandonedStaging(layout);
    return work();
  }, {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    onWait: (owner) => options.onProgress?.({ manager: options.manager, phase: "info", message: `waiting for ${owner}, which is changing this environment` }),
  });
}

/**
 * Deletes the environment of `layout` under its lock; a missing one is not an error.
 *
 * @example
 * async remove(spec, options = {}) { await removeEnvironment(environmentLayout(spec, files), { manager: this.name, ...options }); }
 */
export async function removeEnvironment(layout: EnvironmentLayout, options: EnvironmentLockOptions): Promise<void> {
  await withEnvironmentLock(layout, options, () => rm(layout.environmentDir, { recursive: true, force: true }));
}
