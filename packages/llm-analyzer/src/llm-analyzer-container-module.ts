import { ContainerModule, type ContainerModuleLoadOptions, type ServiceIdentifier } from "inversify";
import { catalogGeneratorId, type CatalogGenerator } from "@snakepit/core";
import { IntrospectionCatalogGenerator, type IntrospectionCatalogGeneratorOptions } from "./introspection/introspection-catalog-generator.js";
import { LlmCatalogGenerator } from "./llm/llm-catalog-generator.js";
import type { LlmCatalogGeneratorOptions } from "./llm/llm-catalog-generator-options.js";
import type { PackageMetadataSource } from "./llm/package-metadata-source.js";

/** Where the composition root binds a PackageMetadataSource (the CLI: importlib.metadata through a worker). */
export const packageMetadataSourceId = Symbol.for("@snakepit/llm-analyzer/PackageMetadataSource") as ServiceIdentifier<PackageMetadataSource>;

/** Which generator to bind, with its options. */
export type LlmAnalyzerOptions =
  | ({ readonly generator: "introspection" } & IntrospectionCatalogGeneratorOptions)
  | ({ readonly generator: "llm" } & LlmCatalogGeneratorOptions);

/**
 * Binds a CatalogGenerator to core's `catalogGeneratorId`. The LLM generator
 * picks up a PackageMetadataSource bound to `packageMetadataSourceId` when
 * the options carry none. Without an API key, resolving it throws
 * MissingApiKeyError: catch that and load the introspection variant.
 *
 * @example
 * container.load(LlmAnalyzerContainerModule.fromOptions({ generator: "llm", model: "gpt-4.1-mini" }));
 * const draft = await container.get(catalogGeneratorId).generate(request);
 */
export class LlmAnalyzerContainerModule extends ContainerModule {
  private constructor(load: (options: ContainerModuleLoadOptions) => void) {
    super(load);
  }

  static fromOptions(options: LlmAnalyzerOptions): LlmAnalyzerContainerModule {
    return new LlmAnalyzerContainerModule(({ bind }) => {
      bind(catalogGeneratorId)
        .toResolvedValue((metadata: PackageMetadataSource | undefined): CatalogGenerator => {
          if (options.generator === "introspection") return new IntrospectionCatalogGenerator(options);
          return new LlmCatalogGenerator({ ...(metadata ? { metadata } : {}), ...options });
        }, [{ serviceIdentifier: packageMetadataSourceId, optional: true }])
        .inSingletonScope();
    });
  }
}
