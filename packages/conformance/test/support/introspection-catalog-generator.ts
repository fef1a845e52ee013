import { CancelledError, CatalogError, type CatalogDraft, type CatalogGenerationRequest, type CatalogGenerator, type ClassEntry } from "@snakepit/core";

/**
 * A minimal offline generator used to exercise the catalog-generator suite:
 * it lists the module's public members and keeps the functions and classes
 * that introspection confirms, up to maxEntries.
 */
export class IntrospectionCatalogGenerator implements CatalogGenerator {
  readonly name = "introspection";

  async generate(request: CatalogGenerationRequest): Promise<CatalogDraft> {
    const { introspector, module, signal } = request;
    if (signal?.aborted) throw new CancelledError(`catalog generation for ${module}`, "the signal was aborted");
    const description = await introspector.describe(module, { members: true, ...(signal ? { signal } : {}) });
    if (description.kind !== "module") throw new CatalogError(`${module} is a ${description.kind}, not a module.`);
    const functions: string[] = [];
    const classes: ClassEntry[] = [];
    const limit = request.maxEntries ?? Number.POSITIVE_INFINITY;
    for (const member of description.members ?? []) {
      if (functions.length + classes.length >= limit) break;
      if (member.name.startsWith("_")) continue;
      const found = await introspector.describe(`${module}.${member.name}`, signal ? { signal } : {});
      if (found.kind === "function") functions.push(member.name);
      if (found.kind === "class") classes.push({ name: member.name, methods: found.methods.map((method) => method.name).filter((name) => !name.startsWith("_")) });
    }
    return {
      library: { package: request.requirement, module, functions, classes, generatedBy: { generator: this.name, at: new Date().toISOString() } },
      dropped: [],
      warnings: [],
    };
  }
}
