import type { LibrarySpec } from "../config/catalog-types.js";
import type { Introspector } from "./introspector.js";

/** Input of a catalog generator: the package, and a way to look at what is installed. */
export interface CatalogGenerationRequest {
  /** Distribution name as installed ("scikit-learn"). */
  readonly packageName: string;
  /** Importable top-level module ("sklearn"). */
  readonly module: string;
  /** Requirement to record in the entry ("scikit-learn>=1.3"). */
  readonly requirement: string;
  readonly introspector: Introspector;
  /** Upper bound on functions + classes in the draft. */
  readonly maxEntries?: number;
  readonly signal?: AbortSignal;
}

/** A draft catalog entry and what was learned making it. */
export interface CatalogDraft {
  readonly library: LibrarySpec;
  /** Names proposed but not found in the installed package (dropped). */
  readonly dropped: readonly string[];
  /** Anything the user should review. */
  readonly warnings: readonly string[];
}

/**
 * Produces catalog entries for a package. The introspection generator ranks
 * the public API offline; the LLM generator drafts with a model and checks
 * every name against introspection.
 */
export interface CatalogGenerator {
  /** Short name recorded in `generatedBy` ("introspection", "llm"). */
  readonly name: string;
  generate(request: CatalogGenerationRequest): Promise<CatalogDraft>;
}
