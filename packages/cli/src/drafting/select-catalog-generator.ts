import type { CatalogGenerator, SnakepitConfig } from "@snakepit/core";
import { IntrospectionCatalogGenerator, LlmCatalogGenerator, MissingApiKeyError, type PackageMetadataSource } from "@snakepit/llm-analyzer";

/** What `snakepit add` was asked for, and what it has to work with. */
export interface GeneratorSelection {
  /** A generator the composition root bound (tests, embedders); wins over everything else. */
  readonly bound?: CatalogGenerator | undefined;
  /** `--llm`, or `--model` given. */
  readonly llm: boolean;
  /** `--model`; else the config's `llm.model`, else llm-analyzer's default. */
  readonly model?: string | undefined;
  readonly config: SnakepitConfig;
  /** Where the key and OPENAI_BASE_URL are read. */
  readonly environment: Readonly<Record<string, string | undefined>>;
  readonly metadata: PackageMetadataSource;
}

/** The chosen generator, and why it is not the one asked for (a missing key). */
export interface SelectedGenerator {
  readonly generator: CatalogGenerator;
  readonly fallback?: string;
}

/**
 * Picks the generator for `snakepit add`: the LLM one when `--llm`/`--model`
 * is given or the config has an `llm` section, else introspection. Without
 * an API key the LLM generator cannot start; then the draft comes from
 * introspection and `fallback` says why, so the user is never left without
 * a draft because of a missing key.
 *
 * @example
 * const { generator, fallback } = selectCatalogGenerator({ llm: true, config, environment: process.env, metadata });
 * if (fallback) output.warn(fallback); // "no API key in $OPENAI_API_KEY; drafting from introspection instead"
 */
export function selectCatalogGenerator(selection: GeneratorSelection): SelectedGenerator {
  if (selection.bound) return { generator: selection.bound };
  const llm = selection.config.llm;
  if (!selection.llm && !llm) return { generator: new IntrospectionCatalogGenerator() };
  const model = selection.model ?? llm?.model;
  const baseURL = llm?.baseURL ?? selection.environment.OPENAI_BASE_URL;
  try {
    return {
      generator: new LlmCatalogGenerator({
        ...(model ? { model } : {}),
        ...(baseURL ? { baseURL } : {}),
        ...(llm?.apiKeyEnv ? { apiKeyEnv: llm.apiKeyEnv } : {}),
        environment: selection.environment,
        metadata: selection.metadata,
      }),
    };
  } catch (error) {
    if (!(error instanceof MissingApiKeyError)) throw error;
    return { generator: new IntrospectionCatalogGenerator(), fallback: `no API key in $${error.environmentVariable}; drafting from introspection instead` };
  }
}
