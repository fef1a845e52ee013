import assert from "node:assert/strict";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { EnvironmentTestContext } from "./environment-test-context.js";
import { normalizedName } from "./environment-test-context.js";

export interface ChangeTestFlags {
  readonly add: boolean;
  readonly lockfile: boolean;
  readonly onDisk: boolean;
  readonly localPackages: boolean;
}

/** add, lock, remove and local (editable) projects. */
export function changeTests(context: EnvironmentTestContext, flags: ChangeTestFlags): void {
  const { test, packages } = context;

  if (flags.add) {
    test("add() installs more packages and changes the fingerprint", async (manager, project) => {
      const spec = project.spec([packages.first]);
      const before = await manager.ensure(spec);
      const after = await manager.add(spec, [packages.second]);
      assert.notEqual(after.fingerprint, before.fingerprint);
      const installed = (await manager.listInstalled(after)).map((item) => normalizedName(item.name));
      for (const name of [packages.first, packages.second]) assert.ok(installed.includes(normalizedName(name)), `${name} in ${installed.join(", ")}`);
    });
  }

  if (flags.lockfile) {
    test("lock() resolves into a lock file that ensure() then installs from", async (manager, project) => {
      const spec = project.spec([packages.first]);
      const lockfile = await manager.lock(spec);
      assert.ok(lockfile.length > 0, "lock() returns a path");
      if (flags.onDisk) {
        const content = await readFile(lockfile, "utf8");
        assert.match(content.toLowerCase(), new RegExp(normalizedName(packages.first)), "the lock names the package");
        assert.equal(await readFile(await manager.lock(spec), "utf8"), content, "locking again gives the same lock");
      }
      const environment = await manager.ensure(spec);
      if (flags.onDisk) assert.equal(environment.lockfile, lockfile);
    });
  }

  test("remove() deletes the environment; removing a missing one is not an error", async (manager, project) => {
    const spec = project.spec([packages.first]);
    const environment = await manager.ensure(spec);
    await manager.remove(spec);
    if (flags.onDisk) await assert.rejects(stat(environment.root), "the environment's folder is gone");
    await manager.remove(spec);
    const again = await manager.ensure(spec);
    assert.equal(again.name, spec.name);
  });

  if (flags.localPackages) {
    test("a local project installs editable", async (manager, project) => {
      const folder = join(project.projectDir, "my-local-lib");
      await mkdir(join(folder, "my_local_lib"), { recursive: true });
      await writeFile(join(folder, "my_local_lib", "__init__.py"), "VALUE = 1\n");
      await writeFile(join(folder, "pyproject.toml"), [
        "[project]", 'name = "my-local-lib"', 'version = "0.1.0"', "",
        "[build-system]", 'requires = ["setuptools>=61"]', 'build-backend = "setuptools.build_meta"', "",
      ].join("\n"));
      const environment = await manager.ensure(project.spec([packages.first], { localPackages: [{ path: "my-local-lib" }] }));
      const local = (await manager.listInstalled(environment)).find((item) => normalizedName(item.name) === "my-local-lib");
      assert.ok(local, "the local project is installed");
      assert.ok(local.editablePath, "installed editable");
    });
  }
}
