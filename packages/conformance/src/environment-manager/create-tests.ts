import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { EnvironmentTestContext } from "./environment-test-context.js";
import { normalizedName } from "./environment-test-context.js";

/** detect, create, idempotent ensure, listInstalled, pins, and (optionally) running the interpreter. */
export function createTests(context: EnvironmentTestContext, flags: { readonly runsPython: boolean; readonly bridge: boolean }): void {
  const { test, packages } = context;

  test("detect() says the manager is available and names its executable", async (manager) => {
    const detection = await manager.detect();
    assert.equal(detection.available, true, detection.reason);
    assert.equal(typeof detection.executable, "string");
  });

  test("ensure() creates an environment with the requested packages", async (manager, project) => {
    const progress = project.recorder();
    const environment = await manager.ensure(project.spec([packages.first]), progress.options);
    assert.equal(environment.name, "suite");
    assert.equal(environment.manager, manager.name);
    assert.ok(environment.pythonPath, "pythonPath is set");
    assert.match(environment.pythonVersion, /^\d+\.\d+/);
    assert.ok(environment.fingerprint.length > 0, "fingerprint is set");
    assert.ok(progress.events.some((event) => event.phase === "done"), `a "done" progress event, got ${JSON.stringify(progress.events)}`);
    assert.ok(progress.events.every((event) => event.manager === manager.name), "every progress event names the manager");
    const installed = (await manager.listInstalled(environment)).map((item) => normalizedName(item.name));
    assert.ok(installed.includes(normalizedName(packages.first)), `${packages.first} in ${installed.join(", ")}`);
    if (flags.bridge) assert.ok(installed.includes("snakepit-bridge"), `the bridge is installed, got ${installed.join(", ")}`);
    if (flags.runsPython) {
      const module = normalizedName(packages.first).replace(/-/g, "_");
      const { stdout } = await promisify(execFile)(environment.pythonPath, ["-c", `import ${module}, sys; print(sys.prefix)`]);
      assert.ok(stdout.trim().length > 0, "the interpreter imports the package");
    }
  });

  test("ensure() on an unchanged spec is a no-op returning the same environment", async (manager, project) => {
    const spec = project.spec([packages.first]);
    const first = await manager.ensure(spec);
    const before = await project.snapshot();
    const progress = project.recorder();
    const second = await manager.ensure({ ...spec, packages: [` ${packages.first} `] }, progress.options);
    assert.deepEqual(second, first);
    assert.deepEqual(await project.snapshot(), before, "nothing on disk changed");
    const busy = progress.events.filter((event) => ["resolving", "locking", "downloading", "installing"].includes(event.phase));
    assert.deepEqual(busy, [], "no resolving or installing on an unchanged environment");
  });

  test("a fresh manager instance finds the environment built by another one", async (manager, project) => {
    const spec = project.spec([packages.first]);
    const first = await manager.ensure(spec);
    const other = await context.factory({});
    assert.deepEqual(await other.ensure(spec), first);
  });

  test("listInstalled() reports the pinned version", async (manager, project) => {
    const environment = await manager.ensure(project.spec([`${packages.first}==${packages.firstOlderVersion}`]));
    const installed = await manager.listInstalled(environment);
    const entry = installed.find((item) => normalizedName(item.name) === normalizedName(packages.first));
    assert.equal(entry?.version, packages.firstOlderVersion);
  });
}
