import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { EnvironmentError } from "@snakepit/core";
import { afterAll, expect, test } from "vitest";
import { withExclusiveLock } from "../src/index.js";

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

test("two concurrent holders never overlap, and each runs exactly once", async () => {
  const file = await lockFile();
  let inside = 0;
  let most = 0;
  const holder = (name: string) => withExclusiveLock(file, async () => {
    inside += 1;
    most = Math.max(most, inside);
    await new Promise((resolve) => setTimeout(resolve, 150));
    inside -= 1;
    return name;
  });
  expect(await Promise.all([holder("a"), holder("b")])).toEqual(["a", "b"]);
  expect(most).toBe(1);
  await expect(readFile(file)).rejects.toThrow();
});

test("a stale lock is taken over by exactly one of two waiters, which then take turns", async () => {
  const file = await lockFile();
  await writeFile(file, JSON.stringify({ pid: 999_999, host: hostname(), token: "dead" }));
  let inside = 0;
  let most = 0;
  const holder = () => withExclusiveLock(file, async () => {
    inside += 1;
    most = Math.max(most, inside);
    await new Promise((resolve) => setTimeout(resolve, 100));
    inside -= 1;
  });
  await Promise.all([holder(), holder()]);
  expect(most).toBe(1);
});

test("the lock is released when the work throws", async () => {
  const file = await lockFile();
  await expect(withExclusiveLock(file, async () => { throw new Error("boom"); })).rejects.toThrow("boom");
  expect(await withExclusiveLock(file, async () => "again", { timeoutMs: 500 })).toBe("again");
});

test("an aborted signal stops the wait", async () => {
  const file = await lockFile();
  await writeFile(file, JSON.stringify({ pid: process.pid, host: hostname(), token: "live" }));
  const controller = new AbortController();
  const waiting = withExclusiveLock(file, async () => "ran", { signal: controller.signal });
  setTimeout(() => controller.abort(new Error("cancelled")), 50);
  await expect(waiting).rejects.toThrow("cancelled");
});
