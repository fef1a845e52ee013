import assert from "node:assert/strict";
import type { Description, Introspector, ParameterKind } from "@snakepit/core";
import { NotFoundError } from "@snakepit/core";
import { rejectsWith } from "./assertions.js";
import { disposeIfPossible } from "./dispose.js";
import type { Factory, TestApi } from "./test-api.js";

/** Options of the introspector suite. */
export interface IntrospectorSuiteOptions {
  /** Per-test timeout, for introspectors that start Python. Default 10 s. */
  readonly timeoutMs?: number;
}

const parameterKinds: readonly ParameterKind[] = ["positional_only", "positional_or_keyword", "var_positional", "keyword_only", "var_keyword"];

/** Shape checks every description must pass, whatever produced it. */
function assertWellFormed(description: Description, path: string): void {
  assert.equal(description.path, path, "path should be the dotted path that was asked for");
  assert.equal(description.name, path.split(".").at(-1), "name should be the last segment of the path");
  if (description.doc !== undefined) assert.equal(typeof description.doc, "string");
  if (description.kind === "function" || description.kind === "class") {
    for (const parameter of description.parameters ?? []) {
      assert.equal(typeof parameter.name, "string");
      assert.ok(parameterKinds.includes(parameter.kind), `parameter ${parameter.name} has kind ${parameter.kind}, expected one of ${parameterKinds.join(", ")}`);
    }
  }
}

/**
 * Registers the Introspector conformance tests: what any implementation must
 * report about standard-library objects (math, math.sqrt, statistics.mean,
 * collections.Counter), and NotFoundError for paths that do not resolve.
 * The factory's instance is closed afterwards if it has `close()` or
 * `Symbol.asyncDispose`.
 *
 * @example
 * introspectorSuite(test, () => new TransportIntrospector(new InMemoryTransport(stdlibHandlers())));
 */
export function introspectorSuite(test: TestApi, factory: Factory<Introspector>, options: IntrospectorSuiteOptions = {}): void {
  const check = (name: string, body: (introspector: Introspector) => Promise<void>) =>
    test(`introspector › ${name}`, async () => {
      const introspector = await factory();
      try {
        await body(introspector);
      } finally {
        await disposeIfPossible(introspector);
      }
    }, options.timeoutMs ?? 10_000);

  check("math.sqrt is a synchronous, non-generator function", async (introspector) => {
    const description = await introspector.describe("math.sqrt");
    assertWellFormed(description, "math.sqrt");
    assert.equal(description.kind, "function");
    if (description.kind !== "function") return;
    assert.equal(description.isAsync, false);
    assert.equal(description.isGenerator, false);
  });

  check("statistics.mean is a function", async (introspector) => {
    const description = await introspector.describe("statistics.mean");
    assertWellFormed(description, "statistics.mean");
    assert.equal(description.kind, "function");
  });

  check("math is a module", async (introspector) => {
    const description = await introspector.describe("math");
    assertWellFormed(description, "math");
    assert.equal(description.kind, "module");
  });

  check("math with members lists sqrt as a function and names no private member", async (introspector) => {
    const description = await introspector.describe("math", { members: true });
    assert.equal(description.kind, "module");
    const members = description.kind === "module" ? description.members ?? [] : [];
    assert.equal(members.find((member) => member.name === "sqrt")?.kind, "function");
    for (const member of members) assert.ok(!member.name.startsWith("_"), `member ${member.name} is private and should not be listed`);
  });

  check("collections.Counter is a class with methods and bases lists", async (introspector) => {
    const description = await introspector.describe("collections.Counter");
    assertWellFormed(description, "collections.Counter");
    assert.equal(description.kind, "class");
    if (description.kind !== "class") return;
    assert.ok(Array.isArray(description.methods), "methods should be a list");
    assert.ok(Array.isArray(description.bases), "bases should be a list");
    for (const method of description.methods) assert.equal(method.kind, "function");
  });

  check("a missing attribute rejects with NotFoundError", async (introspector) => {
    await rejectsWith(introspector.describe("math.no_such_function"), NotFoundError);
  });

  check("a missing module rejects with NotFoundError", async (introspector) => {
    await rejectsWith(introspector.describe("snakepit_no_such_module"), NotFoundError);
  });
}
