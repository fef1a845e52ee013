import { existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

/** Folder of the Python helpers the optimizer tests call (`optimizer_fixtures`). */
export const pythonFixtures = fileURLToPath(new URL("../fixtures/python", import.meta.url));

/** Worker environment that puts the Python helpers on the path. */
export const fixturesEnv = { PYTHONPATH: pythonFixtures } as const;

/** A fresh private folder for a test's files. */
export function scratchFolder(): Promise<string> {
  return mkdtemp(join(tmpdir(), "snakepit-e2e-"));
}

/** Waits until `path` exists, up to `limitMs` (a liveness bound, not a timing assertion). */
export async function eventuallyExists(path: string, limitMs = 10_000): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < limitMs; await sleep(20)) if (existsSync(path)) return true;
  return existsSync(path);
}
