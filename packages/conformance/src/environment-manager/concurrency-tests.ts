import assert from "node:assert/strict";
import type { EnvironmentTestContext } from "./environment-test-context.js";

/** Two managers (as two processes would) ensuring the same environment at once get the same, intact result. */
export function concurrencyTests(context: EnvironmentTestContext): void {
  const { test, packages } = context;

  test("two managers ensuring the same environment at once agree and leave it intact", async (manager, project) => {
    const other = await context.factory({});
    const spec = project.spec([packages.first, packages.second]);
    const [left, right] = await Promise.all([manager.ensure(spec), other.ensure(spec)]);
    assert.deepEqual(left, right);
    assert.deepEqual(await manager.ensure(spec), left);
  });
}
