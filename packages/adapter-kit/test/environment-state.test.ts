import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { environmentFingerprint, hashFile, readEnvironmentState, writeEnvironmentState } from "../src/index.js";

const folders: string[] = [];
const folder = async () => {
  const created = await mkdtemp(join(tmpdir(), "snakepit-state-"));
  folders.push(created);
  return created;
};
afterAll(() => Promise.all(folders.map((item) => rm(item, { recursive: true, force: true }))));

const state = { specFingerprint: "spec", lockHash: "lock", venv: "venv-1a2b3c4d", pythonVersion: "3.11.7" };

test("state written is state read, and no temporary file is left", async () => {
  const dir = await folder();
  await writeEnvironmentState(join(dir, "state.json"), state);
  expect(await readEnvironmentState(join(dir, "state.json"))).toEqual(state);
  expect(await readdir(dir)).toEqual(["state.json"]);
});

test("a missing or unreadable state file means nothing was built", async () => {
  const dir = await folder();
  expect(await readEnvironmentState(join(dir, "state.json"))).toBeUndefined();
  await writeFile(join(dir, "state.json"), "{ half");
  expect(await readEnvironmentState(join(dir, "state.json"))).toBeUndefined();
});

test("hashFile is the sha256 of the bytes, and empty for a missing file", async () => {
  const dir = await folder();
  await writeFile(join(dir, "uv.lock"), "abc");
  expect(await hashFile(join(dir, "uv.lock"))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  expect(await hashFile(join(dir, "missing.lock"))).toBe("");
});

test("the environment fingerprint changes with the spec and with the lock", () => {
  const base = environmentFingerprint(state);
  expect(base).toMatch(/^[0-9a-f]{32}$/);
  expect(environmentFingerprint({ ...state, lockHash: "other" })).not.toBe(base);
  expect(environmentFingerprint({ ...state, specFingerprint: "other" })).not.toBe(base);
  expect(environmentFingerprint({ specFingerprint: "spec", lockHash: "lock" })).toBe(base);
});
