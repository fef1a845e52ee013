import { randomUUID } from "node:crypto";
import { link, mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { hostname } from "node:os";
import { dirname } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { EnvironmentError } from "@snakepit/core";

export interface ExclusiveLockOptions {
  readonly signal?: AbortSignal;
  /** Give up after this long; default 10 minutes (a big first install can take that). */
  readonly timeoutMs?: number;
  /** Called once when the lock is busy, with the owner's description. */
  readonly onWait?: (owner: string) => void;
}

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly token: string;
}

const pollMs = 100;

/**
 * Runs `work` while holding an exclusive lock file, so two processes ensuring
 * the same environment (or bootstrapping the same tool) take turns instead of
 * interleaving writes. The file is created with O_EXCL (atomic on local file
 * systems) and names its owner; a lock whose owner process is gone (crash,
 * kill -9) is stale and is taken over, so nobody has to delete it by hand.
 *
 * @example
 * await withExclusiveLock("/project/.snakepit/envs/.default.lock", () => build());
 */
export async function withExclusiveLock<T>(lockFile: string, work: () => Promise<T>, options: ExclusiveLockOptions = {}): Promise<T> {
  const token = randomUUID();
  await acquire(lockFile, token, options);
  try {
    return await work();
  } finally {
    await release(lockFile, token);
  }
}

async function acquire(lockFile: string, token: string, options: ExclusiveLockOptions): Promise<void> {
  await mkdir(dirname(lockFile), { recursive: true });
  const deadline = Date.now() + (options.timeoutMs ?? 600_000);
  let reportedWait = false;
  for (;;) {
    options.signal?.throwIfAborted();
    if (await tryCreate(lockFile, token)) return;
    const owner = await readOwner(lockFile);
    if (owner && isStale(owner)) {
      await removeStale(lockFile, owner);
      continue;
    }
    if (!reportedWait && owner) {
      reportedWait = true;
      options.onWait?.(`process ${owner.pid} on ${owner.host}`);
    }
    if (Date.now() > deadline) {
      throw new EnvironmentError(
        `Timed out waiting for the lock ${lockFile}, held by ${owner ? `process ${owner.pid} on ${owner.host}` : "another process"}.`,
        "If no Snakepit process is running, delete that file and try again.",
      );
    }
    // Cancellation throws the signal's reason, as runCommand does, rather than the timer's AbortError.
    await sleep(pollMs, undefined, options.signal ? { signal: options.signal } : {}).catch((error: unknown) => {
      options.signal?.throwIfAborted();
      throw error;
    });
  }
}

async function tryCreate(lockFile: string, token: string): Promise<boolean> {
  try {
    const handle = await open(lockFile, "wx");
    const owner: LockOwner = { pid: process.pid, host: hostname(), token };
    await handle.writeFile(JSON.stringify(owner));
    await handle.close();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

async function readOwner(lockFile: string): Promise<LockOwner | undefined> {
  try {
    return JSON.parse(await readFile(lockFile, "utf8")) as LockOwner;
  } catch {
    // Missing (just released) or half-written (just created): poll again.
    return undefined;
  }
}

/** Stale when the owner ran on this host and its process no longer exists. */
function isStale(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * Moves the stale lock aside under a unique name before deleting it, so two
 * waiters that both saw it stale cannot both delete a fresh lock; if what was
 * moved turns out not to be the stale lock, it is put back.
 */
async function removeStale(lockFile: string, stale: LockOwner): Promise<void> {
  const aside = `${lockFile}.stale-${randomUUID()}`;
  try {
    await rename(lockFile, aside);
  } catch {
    return;
  }
  const moved = await readOwner(aside);
  if (moved && moved.token !== stale.token) {
    // link() fails if a third process has created a lock meanwhile: theirs wins, ours was not stale anyway.
    await link(aside, lockFile).catch(() => undefined);
    await rm(aside, { force: true });
    return;
  }
  await rm(aside, { force: true });
}

async function release(lockFile: string, token: string): Promise<void> {
  const owner = await readOwner(lockFile);
  if (owner?.token === token) await rm(lockFile, { force: true });
}
