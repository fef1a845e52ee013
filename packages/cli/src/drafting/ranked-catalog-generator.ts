import {
  CancelledError, NotFoundError, type CatalogDraft, type CatalogGenerationRequest, type CatalogGenerator,
  type MemberSummary, type ModuleDescription,
} from "@snakepit/core";

/** A public function or class found by walking the package, with how likely a user wants it. */
interface Candidate {
  readonly name: string;
  readonly kind: "function" | "class";
  readonly score: number;
}

/** Names that are plumbing, not API: configuration, versions, test helpers. */
const plumbing = /^(test|show_versions|get_config|set_config|config_context|setup|teardown|main|deprecated|warn)/;

/**
 * The offline catalog generator `snakepit add` uses when no other (such as
 * the LLM one) is bound: walks the top-level module and, one level down, its
 * public submodules, and ranks what it finds. Ranking favours names the
 * module exports in `__all__`, names with a docstring, shallow paths and
 * short names; plumbing and deprecated names sink. Everything it proposes
 * exists, because it only proposes what introspection listed.
 */
export class RankedCatalogGenerator implements CatalogGenerator {
  readonly name = "introspection";

  constructor(private readonly options: { readonly submodules?: number } = {}) {}

  async generate(request: CatalogGenerationRequest): Promise<CatalogDraft> {
    const limit = request.maxEntries ?? 20;
    const root = await this.#module(request, request.module);
    if (!root) throw new NotFoundError(request.module, `the module "${request.module}" of ${request.packageName} cannot be imported; pass the import name with --module`);
    const candidates = this.#candidates(root, "", 0);
    const submodules = (root.members ?? []).filter((member) => member.kind === "module" && isPublic(member.name)).slice(0, this.options.submodules ?? 12);
    for (const submodule of submodules) {
      const description = await this.#module(request, `${request.module}.${submodule.name}`);
      if (description) candidates.push(...this.#candidates(description, `${submodule.name}.`, 1));
    }
    const chosen = [...new Map(candidates.map((candidate) => [candidate.name, candidate])).values()]
      .sort((left, right) => right.score - left.score || left.name.localeCompare(right.name))
      .slice(0, limit);
    const functions = chosen.filter((candidate) => candidate.kind === "function").map((candidate) => candidate.name).sort();
    const classes = chosen.filter((candidate) => candidate.kind === "class").map((candidate) => candidate.name).sort();
    const warnings = chosen.length === 0 ? [`${request.module} has no public functions or classes at its top level or one level down; declare "modules" or names by hand.`] : [];
    return {
      library: {
        package: request.requirement,
        module: request.module,
        ...(functions.length ? { functions } : {}),
        ...(classes.length ? { classes } : {}),
        generatedBy: { generator: this.name, at: new Date().toISOString() },
      },
      dropped: [],
      warnings,
    };
  }

  #candidates(module: ModuleDescription, prefix: string, depth: number): Candidate[] {
    const exported = new Set(module.all ?? []);
    return (module.members ?? [])
      .filter((member): member is MemberSummary & { kind: "function" | "class" } => (member.kind === "function" || member.kind === "class") && isPublic(member.name))
      .map((member) => ({ name: `${prefix}${member.name}`, kind: member.kind, score: score(member, exported, depth) }));
  }

  async #module(request: CatalogGenerationRequest, path: string): Promise<ModuleDescription | undefined> {
    if (request.signal?.aborted) throw new CancelledError(`drafting ${request.packageName}`, "the signal was aborted");
    try {
      const description = await request.introspector.describe(path, { members: true, ...(request.signal ? { signal: request.signal } : {}) });
      return description.kind === "module" ? description : undefined;
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }
}

function score(member: MemberSummary, exported: ReadonlySet<string>, depth: number): number {
  let value = 10 - depth * 3 - member.name.length / 10;
  if (exported.has(member.name)) value += 3;
  if (member.summary) value += 2;
  if (member.summary && /deprecat/i.test(member.summary)) value -= 8;
  if (plumbing.test(member.name)) value -= 6;
  return value;
}

function isPublic(name: string): boolean {
  return !name.startsWith("_");
}
