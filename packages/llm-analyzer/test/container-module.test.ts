import { catalogGeneratorId } from "@snakepit/core";
import { Container } from "inversify";
import { describe, expect, test } from "vitest";
import { IntrospectionCatalogGenerator, LlmAnalyzerContainerModule, LlmCatalogGenerator, MissingApiKeyError, packageMetadataSourceId, StaticPackageMetadataSource } from "../src/index.js";

describe("LlmAnalyzerContainerModule", () => {
  test("binds the introspection generator", () => {
    const container = new Container();
    container.load(LlmAnalyzerContainerModule.fromOptions({ generator: "introspection" }));
    expect(container.get(catalogGeneratorId)).toBeInstanceOf(IntrospectionCatalogGenerator);
  });

  test("binds the LLM generator, picking up a bound PackageMetadataSource", () => {
    const container = new Container();
    container.bind(packageMetadataSourceId).toConstantValue(new StaticPackageMetadataSource([]));
    container.load(LlmAnalyzerContainerModule.fromOptions({ generator: "llm", model: "local-model", baseURL: "http://127.0.0.1:9/v1", apiKey: "unused" }));
    const generator = container.get(catalogGeneratorId);
    expect(generator).toBeInstanceOf(LlmCatalogGenerator);
    expect((generator as LlmCatalogGenerator).model).toBe("local-model");
  });

  test("without a key, resolving the LLM generator throws MissingApiKeyError, for the composition root to fall back", () => {
    const container = new Container();
    container.load(LlmAnalyzerContainerModule.fromOptions({ generator: "llm", apiKeyEnv: "SNAKEPIT_ABSENT_KEY", environment: {} }));
    expect(() => container.get(catalogGeneratorId)).toThrow(MissingApiKeyError);
  });
});
