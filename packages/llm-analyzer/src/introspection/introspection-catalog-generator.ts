import type { CatalogGenerationRequest, CatalogGenerator, ClassEntry, Description, LibrarySpec } from "@snakepit/core";
import { throwIfAborted } from "../shared/abort.js";
import { InstalledNames } from "../shared/installed-names.js";
import { collectExamples } from "../shared/collect-examples.js";
import type { GeneratedCatalogDraft } from "../shared/generated-catalog-draft.js";
import type { ApiCandidate, SubmoduleSummary } from "./api-candidate.js";
import { classEntryFor, isExceptionClass, methodsByClass } from "./class-entry.js";
import { looksLikeException, rankCandidates } from "./rank-candidates.js";
import { surveyPublicApi } from "./survey-public-api.js";

export interface IntrospectionCatalogGeneratorOptions {
  /** Bound on functions + classes when the request sets none. Default 25. */
  readonly defaultMaxEntries?: number;
  /** Methods listed per class; the rest stay one edit away. Default 12. */
  readonly maxMethodsPerClass?: number;
  /** Submodules left out by the bound that are listed whole under `modules`. Default 5. */
  readonly maxWholeModules?: number;
  /** Clock for `generatedBy.at` (tests pin it). */
  readonly now?: () => Date;
}

/**
 * Drafts a catalog entry offline from introspection alone: surveys the
 * package, ranks its public API, and keeps the best `maxEntries` functions
 * and classes, each confirmed by describing it. Submodules that the bound
 * left out entirely are listed under `modules`, so the rest of the API is one
 * deletion away rather than one search away.
 *
 * @example
 * const draft = await new IntrospectionCatalogGenerator().generate({ packageName: "scikit-learn", module: "sklearn", requirement: "scikit-learn>=1.3", introspector });
 * draft.library.classes; // [{ name: "ensemble.RandomForestClassifier", methods: ["fit", "predict", …] }, …]
 */
export class IntrospectionCatalogGenerator implements CatalogGenerator {
  readonly name = "introspection";
  readonly #options: IntrospectionCatalogGeneratorOptions;

  constructor(options: IntrospectionCatalogGeneratorOptions = {}) {
    this.#options = options;
  }

  async generate(request: CatalogGenerationRequest): Promise<GeneratedCatalogDraft> {
    throwIfAborted(request.signal, `catalog generation for ${request.module}`);
    const surface = await surveyPublicApi(request);
    const limit = request.maxEntries ?? this.#options.defaultMaxEntries ?? 25;
    const functions: string[] = [];
    const classes: ClassEntry[] = [];
    const described = new Map<string, Description>();
    const ranked = rankCandidates(surface.candidates);
    const names = new InstalledNames(request);
    let next = 0;
    for (; next < ranked.length && functions.length + classes.length < limit; next++) {
      const candidate = ranked[next] as ApiCandidate;
      const description = await names.lookUp(candidate.name);
      if (description?.kind === "function") functions.push(candidate.name);
      else if (description?.kind === "class" && !isExceptionClass(description)) classes.push(classEntryFor(candidate.name, description, this.#options.maxMethodsPerClass ?? 12));
      else continue;
      described.set(candidate.name, description);
    }
    const leftOut = ranked.slice(next);
    const modules = wholeModules(surface.submodules, described, leftOut, this.#options.maxWholeModules ?? 5);
    const library: LibrarySpec = {
      package: request.requirement,
      module: request.module,
      ...(functions.length ? { functions } : {}),
      ...(classes.length ? { classes } : {}),
      ...(modules.length ? { modules } : {}),
      generatedBy: { generator: this.name, at: (this.#options.now?.() ?? new Date()).toISOString() },
    };
    return { library, dropped: [], warnings: [...surface.warnings, ...boundWarnings(leftOut, limit, modules)], examples: collectExamples(described, methodsByClass(classes)) };
  }
}

/** Submodules with documented members none of which made the draft, most documented first. */
function wholeModules(submodules: readonly SubmoduleSummary[], kept: ReadonlyMap<string, Description>, leftOut: readonly ApiCandidate[], max: number): string[] {
  const represented = new Set([...kept.keys()].map((name) => name.split(".")[0]));
  const withLeftOut = new Set(leftOut.filter((candidate) => !looksLikeException(candidate)).map((candidate) => candidate.name.split(".")[0]));
  return submodules
    .filter((submodule) => submodule.documentedMembers > 0 && !represented.has(submodule.name) && withLeftOut.has(submodule.name))
    .sort((left, right) => right.documentedMembers - left.documentedMembers)
    .slice(0, max)
    .map((submodule) => submodule.name);
}

function boundWarnings(leftOut: readonly ApiCandidate[], limit: number, modules: readonly string[]): string[] {
  if (leftOut.length === 0) return [];
  const sample = leftOut.slice(0, 5).map((candidate) => candidate.name).join(", ");
  const whole = modules.length ? ` ${modules.join(", ")} ${modules.length === 1 ? "is" : "are"} listed whole under modules: review them, a whole module widens what the program may call.` : "";
  return [`${leftOut.length} more public names were left out by maxEntries=${limit} (next: ${sample}); raise maxEntries or add them by hand.${whole}`];
}
