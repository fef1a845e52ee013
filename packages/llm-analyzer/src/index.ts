/**
 * @snakepit/llm-analyzer: CatalogGenerator adapters. The introspection
 * generator drafts offline from what is installed; the LLM generator drafts
 * with a model on any OpenAI-compatible endpoint and checks every name
 * against introspection.
 */
export { IntrospectionCatalogGenerator, type IntrospectionCatalogGeneratorOptions } from "./introspection/introspection-catalog-generator.js";
export { LlmCatalogGenerator } from "./llm/llm-catalog-generator.js";
export { defaultModel, defaultBudgets, type LlmCatalogGeneratorOptions, type PromptBudgets } from "./llm/llm-catalog-generator-options.js";
export { MissingApiKeyError } from "./llm/missing-api-key-error.js";
export { StaticPackageMetadataSource, type PackageMetadata, type PackageMetadataSource } from "./llm/package-metadata-source.js";
export { catalogReplySchema, catalogReplyJsonSchema, type CatalogReply } from "./llm/reply-schema.js";
export type { GeneratedCatalogDraft } from "./shared/generated-catalog-draft.js";
export { docstringExamples } from "./shared/docstring-examples.js";
export { LlmAnalyzerContainerModule, packageMetadataSourceId, type LlmAnalyzerOptions } from "./llm-analyzer-container-module.js";
