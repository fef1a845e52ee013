import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { EnvironmentError } from "@snakepit/core";
import { afterAll, expect, test } from "vitest";
import { withExclusiveLock } from "../src/exclusive-lock.js";

const folders: string[] = [];
const lockFile = async () => {
  const folder = await mkdtemp(join(tmpdir(), "snakepit-lock-"));
  folders.push(folder);
  return join(folder, ".main.lock");
};
afterAll(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));

test("holders take turns: the second starts only after the first finished", async () => {
  const file = await lockFile();
  const order: string[] = [];
  const slow = withExclusiveLock(file, async () => {
    order.push("first in");
    await new Promise((resolve) => setTimeout(resolve, 300));
    order.push("first out");
  });
  await new Promise((resolve) => setTimeout(resolve, 20));
  await withExclusiveLock(file, async () => void order.push("second in"));
  await slow;
  expect(order).toEqual(["first in", "first out", "second in"]);
});

test("a lock left by a dead process is taken over", async () => {
  const file = await lockFile();
  await writeFile(file, JSON.stringify({ pid: 999_999, host: hostname(), token: "dead" }));
  expect(await withExclusiveLock(file, async () => "ran")).toBe("ran");
  await expect(readFile(file)).rejects.toThrow();
});

test("a lock held by a live process times out with an error naming the holder and the fix", async () => {
  const file = await lockFile();
  await writeFile(file, JSON.stringify({ pid: process.pid, host: hostname(), token: "live" }));
  const waits: string[] = [];
  const error = await withExclusiveLock(file, async () => "ran", { timeoutMs: 200, onWait: (owner) => waits.push(owner) }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(EnvironmentError);
  expect((error as Error).message).toMatch(new RegExp(`process ${process.pid}.*delete that file`, "s"));
  expect(waits).toHaveLength(1);
});
