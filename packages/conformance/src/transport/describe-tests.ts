import assert from "node:assert/strict";
import { NotFoundError } from "@snakepit/core";
import { rejectsWith } from "../assertions.js";
import type { TransportTestContext } from "./transport-test-context.js";

/** Introspection through the transport: functions, modules, classes, missing paths. */
export function describeTests({ test }: TransportTestContext): void {
  test("describe: math.sqrt is a function", async (transport) => {
    const description = await transport.describe("math.sqrt");
    assert.equal(description.kind, "function");
    assert.equal(description.name, "sqrt");
    assert.equal(description.path, "math.sqrt");
  });

  test("describe: math is a module whose members include sqrt", async (transport) => {
    const description = await transport.describe("math", { members: true });
    assert.equal(description.kind, "module");
    assert.equal(description.name, "math");
    const sqrt = description.kind === "module" ? description.members?.find((member) => member.name === "sqrt") : undefined;
    assert.equal(sqrt?.kind, "function", "math's members should list sqrt as a function");
  });

  test("describe: collections.Counter is a class", async (transport) => {
    const description = await transport.describe("collections.Counter");
    assert.equal(description.kind, "class");
    assert.equal(description.name, "Counter");
  });

  test("describe: a missing path rejects with NotFoundError", async (transport) => {
    await rejectsWith(transport.describe("math.no_such_function"), NotFoundError);
  });
}
