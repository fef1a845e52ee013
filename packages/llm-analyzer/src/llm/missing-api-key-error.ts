import { ConfigError } from "@snakepit/core";

/**
 * No API key for the model endpoint. A ConfigError (code "CONFIG") with its
 * own class, so the CLI can catch exactly this and fall back to the
 * introspection generator.
 */
export class MissingApiKeyError extends ConfigError {
  constructor(readonly environmentVariable: string) {
    super(
      `The LLM catalog generator needs an API key and ${environmentVariable} is not set. ` +
        `Set ${environmentVariable} (or pass apiKey, or point apiKeyEnv at another variable); ` +
        `for a local endpoint that takes no key (Ollama, vLLM, llama.cpp) pass any apiKey such as "unused". ` +
        `Or draft without a model: use the IntrospectionCatalogGenerator (snakepit add without --llm).`,
    );
  }
}
