import { lstatSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

/**
 * Removes /dev/shm/snakepit-* folders left by processes that died without
 * their exit handlers (SIGKILL, `os._exit`, a worker killed after its
 * grace). Reused files outlive a transfer, so such a folder can hold up to
 * a few slots of 32 MB; without this they would stay until reboot.
 *
 * A folder is stale only when all of these hold: it belongs to this user,
 * every file in it is named `<pid>-<n>.{slot,free,bin}`
 * with a pid that no longer runs, and nothing changed in it for two
 * minutes (a guard for processes in another pid namespace that share
 * /dev/shm, whose pids look dead from here). Anything else is left alone.
 */
export function removeStaleSharedFolders(now = Date.now()): void {
  const uid = process.getuid?.();
  let names: string[];
  try {
    names = readdirSync("/dev/shm").filter((name) => name.startsWith("snakepit-"));
  } catch {
    return;
  }
  for (const name of names) {
    const folder = join("/dev/shm", name);
    try {
      const status = lstatSync(folder);
      if (!status.isDirectory() || (uid !== undefined && status.uid !== uid) || now - status.mtimeMs < quietForMs) continue;
      const pids = readdirSync(folder).map((file) => /^(\d+)-\d+\.(?:slot|free|bin)$/.exec(file)?.[1]);
      if (pids.length === 0 || pids.some((pid) => pid === undefined || isRunning(Number(pid)))) continue;
      rmSync(folder, { recursive: true, force: true });
    } catch {
      // Removed meanwhile, or not ours to read: leave it.
    }
  }
}

const quietForMs = 120_000;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
