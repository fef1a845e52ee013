import assert from "node:assert/strict";
import { CancelledError, dottedPathProblem, SnakepitError, type CatalogDraft, type CatalogGenerationRequest, type CatalogGenerator } from "@snakepit/core";
import { rejectsWith } from "./assertions.js";
import { draftClasses, draftFunctions } from "./catalog-generator/draft-names.js";
import { FixedIntrospector } from "./catalog-generator/fixed-introspector.js";
import { moreItertoolsDescriptions, moreItertoolsPackage } from "./catalog-generator/more-itertools-descriptions.js";
import { disposeIfPossible } from "./dispose.js";
import type { Factory, TestApi } from "./test-api.js";

/** Options of the catalog-generator suite. */
export interface CatalogGeneratorSuiteOptions {
  /** An aborted signal rejects with CancelledError. Default true. */
  readonly cancellation?: boolean;
  /** Per-test timeout, for generators that call a model. Default 30 s. */
  readonly timeoutMs?: number;
}

/**
 * Registers the CatalogGenerator conformance tests. The generator drafts an
 * entry for a fixed slice of more-itertools that the suite's introspector
 * serves; the draft may only name what that introspector says exists, never
 * a private name, within `maxEntries`, and must record what it dropped.
 *
 * @example
 * catalogGeneratorSuite(test, () => new LlmCatalogGenerator({ client: recordedClient }));
 */
export function catalogGeneratorSuite(test: TestApi, factory: Factory<CatalogGenerator>, options: CatalogGeneratorSuiteOptions = {}): void {
  const truth = new FixedIntrospector(moreItertoolsDescriptions);
  const kindOf = async (path: string) => (truth.has(path) ? (await truth.describe(path)).kind : undefined);

  const check = (name: string, body: (generator: CatalogGenerator, request: CatalogGenerationRequest) => Promise<void>) =>
    test(`catalog generator › ${name}`, async () => {
      const generator = await factory();
      try {
        await body(generator, { ...moreItertoolsPackage, introspector: new FixedIntrospector(moreItertoolsDescriptions) });
      } finally {
        await disposeIfPossible(generator);
      }
    }, options.timeoutMs ?? 30_000);

  const generate = (generator: CatalogGenerator, request: CatalogGenerationRequest): Promise<CatalogDraft> => generator.generate(request);

  check("has a non-empty name", async (generator) => {
    assert.equal(typeof generator.name, "string");
    assert.ok(generator.name.length > 0);
  });

  check("records the requested requirement and module", async (generator, request) => {
    const draft = await generate(generator, request);
    assert.equal(draft.library.package, request.requirement);
    if (draft.library.module !== undefined) assert.equal(draft.library.module, request.module);
  });

  check("proposes at least one function or class for a package with a public API", async (generator, request) => {
    const draft = await generate(generator, request);
    assert.ok(draftFunctions(draft).length + draftClasses(draft).length > 0, "the draft is empty");
  });

  check("names only functions that exist, per the introspector", async (generator, request) => {
    const draft = await generate(generator, request);
    for (const name of draftFunctions(draft)) {
      assert.equal(await kindOf(`${request.module}.${name}`), "function", `${name} is not a function of ${request.module}`);
    }
  });

  check("names only classes and methods that exist, per the introspector", async (generator, request) => {
    const draft = await generate(generator, request);
    for (const entry of draftClasses(draft)) {
      const path = `${request.module}.${entry.name}`;
      assert.equal(await kindOf(path), "class", `${entry.name} is not a class of ${request.module}`);
      const description = await truth.describe(path);
      const methods = description.kind === "class" ? description.methods.map((method) => method.name) : [];
      for (const method of entry.methods ?? []) assert.ok(methods.includes(method), `${entry.name}.${method} does not exist`);
    }
  });

  check("names nothing private, nothing twice, and only valid dotted paths", async (generator, request) => {
    const draft = await generate(generator, request);
    const names = [...draftFunctions(draft), ...draftClasses(draft).map((entry) => entry.name)];
    assert.equal(new Set(names).size, names.length, `a name is listed twice: ${names.join(", ")}`);
    for (const name of names) {
      assert.equal(dottedPathProblem(name), undefined, `${name} is not a usable dotted path`);
      assert.ok(!name.split(".").some((part) => part.startsWith("_")), `${name} is private`);
    }
  });

  check("keeps dropped names out of the draft, and reports dropped and warnings as strings", async (generator, request) => {
    const draft = await generate(generator, request);
    const names = new Set([...draftFunctions(draft), ...draftClasses(draft).map((entry) => entry.name)]);
    for (const name of draft.dropped) {
      assert.equal(typeof name, "string");
      assert.ok(!names.has(name), `${name} was dropped but is still in the draft`);
    }
    for (const warning of draft.warnings) assert.equal(typeof warning, "string");
  });

  check("stays within maxEntries", async (generator, request) => {
    const draft = await generate(generator, { ...request, maxEntries: 2 });
    const total = draftFunctions(draft).length + draftClasses(draft).length;
    assert.ok(total <= 2, `maxEntries is 2 but the draft has ${total} entries`);
  });

  check("generatedBy, when present, names this generator and a valid time", async (generator, request) => {
    const { generatedBy } = (await generate(generator, request)).library;
    if (!generatedBy) return;
    assert.equal(generatedBy.generator, generator.name);
    assert.ok(!Number.isNaN(Date.parse(generatedBy.at)), `generatedBy.at is not a date: ${generatedBy.at}`);
  });

  check("a module that is not installed rejects with a SnakepitError", async (generator, request) => {
    await rejectsWith(generate(generator, { ...request, packageName: "snakepit-no-such-package", module: "snakepit_no_such_module", requirement: "snakepit-no-such-package" }), SnakepitError);
  });

  if (options.cancellation ?? true) {
    check("an aborted signal rejects with CancelledError", async (generator, request) => {
      await rejectsWith(generate(generator, { ...request, signal: AbortSignal.abort() }), CancelledError);
    });
  }
}
