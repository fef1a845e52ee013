import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import { ExitCode } from "../src/cli/exit-codes.js";
import { main } from "../src/cli/main.js";
import { allDescriptions } from "./fixtures/descriptions.js";
import { FixedIntrospector } from "./support/fixed-introspector.js";
import { capturedStreams, standInRuntime } from "./support/stand-in-runtime.js";

let project: string;
beforeEach(async () => {
  project = await mkdtemp(join(tmpdir(), "snakepit-dev-"));
});
afterEach(() => rm(project, { recursive: true, force: true }));

/** Polls until `condition` holds (a bound against hangs, not a timing assertion). */
async function eventually(condition: () => boolean): Promise<boolean> {
  for (let attempt = 0; attempt < 200 && !condition(); attempt++) await new Promise((resolve) => setTimeout(resolve, 50));
  return condition();
}

test("dev watches the local Python libraries of the config and syncs again when one changes", async () => {
  await mkdir(join(project, "mylib", "mylib"), { recursive: true });
  await writeFile(join(project, "mylib", "mylib", "__init__.py"), "");
  await writeFile(join(project, "snakepit.config.ts"), `import { defineConfig } from "@snakepit/core";
export default defineConfig({ libraries: { statistics: { functions: ["mean"] }, mylib: { path: "./mylib" } } });
`);
  const controller = new AbortController();
  const output = capturedStreams();
  const runtime = standInRuntime(new FixedIntrospector(allDescriptions));
  const running = main(["dev", "--cwd", project, "--quiet"], { streams: output.streams, runtime, signal: controller.signal });
  try {
    const watching = await eventually(() => output.stdout().includes("Watching"));
    expect(watching).toBe(true);
    expect(output.stdout()).toContain(join(project, "mylib"));
    const syncsBefore = runtime.starts.length;

    await writeFile(join(project, "mylib", "mylib", "core.py"), "def answer():\n    return 42\n");
    expect(await eventually(() => output.stdout().includes("core.py changed: syncing."))).toBe(true);
    expect(await eventually(() => runtime.starts.length > syncsBefore)).toBe(true);

    // Bytecode caches are not edits.
    await mkdir(join(project, "mylib", "mylib", "__pycache__"), { recursive: true });
    await writeFile(join(project, "mylib", "mylib", "__pycache__", "core.cpython-311.pyc"), "");
    expect(output.stdout()).not.toContain("__pycache__");
  } finally {
    controller.abort();
  }
  expect(await running).toBe(ExitCode.ok);
  // The stand-in introspector does not know mylib, so each sync reports it; the watch went on regardless.
  expect(output.stderr()).toContain("libraries.mylib");
});
