import { expect, test } from "vitest";
import { progressParser, runCommand, runWithProgress } from "../src/index.js";

const node = process.execPath;

test("output and a non-zero exit come back as data", async () => {
  const result = await runCommand(node, ["-e", "console.log('out'); console.error('err'); process.exit(3)"]);
  expect(result).toMatchObject({ exitCode: 3, stdout: "out", stderr: "err" });
  expect(result.spawnError).toBeUndefined();
});

test("a missing executable is a spawnError, not an exception", async () => {
  const result = await runCommand("/nonexistent/tool", ["--version"]);
  expect(result.exitCode).not.toBe(0);
  expect(result.spawnError).toMatch(/ENOENT|nonexistent/);
});

test("env replaces the whole environment when given", async () => {
  const result = await runCommand(node, ["-e", "console.log(process.env.SNAKEPIT_KIT_TEST ?? 'unset', process.env.HOME ?? 'no home')"], { env: { SNAKEPIT_KIT_TEST: "set" } });
  expect(result.stdout).toBe("set no home");
});

test("each line of stderr and stdout is reported as it arrives", async () => {
  const stderr: string[] = [];
  const stdout: string[] = [];
  await runCommand(node, ["-e", "console.error('a'); console.error('b'); console.log('c')"], { onStderrLine: (line) => stderr.push(line), onStdoutLine: (line) => stdout.push(line) });
  expect(stderr).toEqual(["a", "b"]);
  expect(stdout).toEqual(["c"]);
});

test("cancelling throws the signal's reason", async () => {
  const controller = new AbortController();
  const running = runCommand(node, ["-e", "setTimeout(() => {}, 10000)"], { signal: controller.signal });
  setTimeout(() => controller.abort(new Error("stop")), 100);
  await expect(running).rejects.toThrow("stop");
});

test("runWithProgress turns matching lines into progress events and keeps every line for errors", async () => {
  const events: string[] = [];
  const progress = progressParser("tool", [[/^Resolved/, "resolving"], [/^Installed/, "installing"]]);
  const result = await runWithProgress(node, ["-e", "console.error('Resolved 3 packages'); console.log('Installed 3 packages'); console.error('noise')"], {
    progress, onProgress: (event) => events.push(`${event.manager} ${event.phase}: ${event.message}`), watchStdout: true,
  });
  expect(events).toEqual(["tool resolving: Resolved 3 packages", "tool installing: Installed 3 packages"]);
  expect(result.output.split("\n").sort()).toEqual(["Installed 3 packages", "Resolved 3 packages", "noise"]);
});
