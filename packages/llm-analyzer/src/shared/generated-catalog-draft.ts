import type { CatalogDraft } from "@snakepit/core";

/**
 * A draft plus the usage examples found in the docstrings of its entries.
 * `LibrarySpec` has no place for examples (the catalog must stay valid for
 * `defineCatalog`), so they travel beside it: the code generator turns them
 * into `@example` blocks and `snakepit add` into README snippets.
 */
export interface GeneratedCatalogDraft extends CatalogDraft {
  /**
   * Entry name relative to the library's module ("metrics.accuracy_score",
   * "ensemble.RandomForestClassifier.fit") → example blocks, each the text of
   * one doctest session or numpydoc Examples section.
   */
  readonly examples: Readonly<Record<string, readonly string[]>>;
}
