import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { removeStaleSharedFolders } from "../../src/codec/stale-shared-folders.js";

/** A pid that ran and exited: nothing runs under it (barring reuse within the test). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", ""]);
  return child.pid as number;
}

describe.skipIf(!existsSync("/dev/shm"))("folders of processes that died without cleaning up", () => {
  const made: string[] = [];

  /** A snakepit-* folder holding `files`, last changed `ageMs` ago. */
  function folderWith(files: readonly string[], ageMs: number): string {
    const folder = mkdtempSync(join("/dev/shm", "snakepit-"));
    made.push(folder);
    for (const file of files) writeFileSync(join(folder, file), "x");
    const at = new Date(Date.now() - ageMs);
    utimesSync(folder, at, at);
    return folder;
  }

  afterEach(() => {
    for (const folder of made.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it("are removed once their writer is gone and they have been quiet for two minutes", () => {
    const pid = deadPid();
    const stale = folderWith([`${pid}-1.free`, `${pid}-2.slot`, `${pid}-3.bin`], 180_000);
    removeStaleSharedFolders();
    expect(existsSync(stale)).toBe(false);
  });

  it("are kept while their writer runs, while recently changed, or when they hold anything else", () => {
    const pid = deadPid();
    const running = folderWith([`${process.pid}-1.free`], 180_000);
    const recent = folderWith([`${pid}-1.free`], 10_000);
    const foreign = folderWith([`${pid}-1.free`, "notes.txt"], 180_000);
    const empty = folderWith([], 180_000);
    removeStaleSharedFolders();
    for (const folder of [running, recent, foreign, empty]) expect(existsSync(folder)).toBe(true);
  });
});
