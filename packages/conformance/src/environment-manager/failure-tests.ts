import assert from "node:assert/strict";
import { EnvironmentError } from "@snakepit/core";
import { rejectsWith } from "../assertions.js";
import type { EnvironmentTestContext } from "./environment-test-context.js";
import { closedPortUrl, normalizedName } from "./environment-test-context.js";

/** Clear errors, and a failure never breaks the working environment nor leaves files behind. */
export function failureTests(context: EnvironmentTestContext, flags: { readonly unreachableIndex: boolean; readonly conflicts: boolean }): void {
  const { test, packages } = context;

  test("a package name the index does not have gives an EnvironmentError naming it", async (manager, project) => {
    const error = await rejectsWith(manager.ensure(project.spec([packages.missing])), EnvironmentError);
    assert.equal(error.code, "ENVIRONMENT");
    assert.ok(error.message.includes(packages.missing), `the message names ${packages.missing}: ${error.message}`);
    assert.deepEqual(await project.snapshot(), [], "nothing half-written is left");
  });

  test("a failed change leaves the previous environment working and nothing half-written", async (manager, project) => {
    const spec = project.spec([packages.first]);
    const working = await manager.ensure(spec);
    const before = await project.snapshot();
    await rejectsWith(manager.ensure(project.spec([packages.first, packages.missing])), EnvironmentError);
    assert.deepEqual(await project.snapshot(), before, "the environment folder is as it was");
    const progress = project.recorder();
    assert.deepEqual(await manager.ensure(spec, progress.options), working, "the previous environment is still current");
    assert.ok(!progress.events.some((event) => event.phase === "installing"), "and needs no reinstall");
    const installed = (await manager.listInstalled(working)).map((item) => normalizedName(item.name));
    assert.ok(installed.includes(normalizedName(packages.first)), "its packages are still installed");
  });

  if (flags.conflicts) test("conflicting pins give an EnvironmentError and leave the previous environment intact", async (manager, project) => {
    const spec = project.spec([packages.first]);
    const working = await manager.ensure(spec);
    const before = await project.snapshot();
    const conflict = project.spec([`${packages.first}==${packages.firstOlderVersion}`, `${packages.first}>${packages.firstOlderVersion}`]);
    await rejectsWith(manager.ensure(conflict), EnvironmentError);
    assert.deepEqual(await project.snapshot(), before);
    assert.deepEqual(await manager.ensure(spec), working);
  });

  if (flags.unreachableIndex) {
    test("an unreachable package index gives an EnvironmentError that says so", async (_manager, project) => {
      const offline = await context.factory({ indexUrl: await closedPortUrl() });
      const error = await rejectsWith(offline.ensure(project.spec([packages.first])), EnvironmentError);
      assert.match(error.message, /index|reach|connect/i);
      assert.deepEqual(await project.snapshot(), [], "nothing half-written is left");
    });
  }
}
