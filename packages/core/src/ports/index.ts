export type { Transport, TransportCapabilities } from "./transport.js";
export type { EnvironmentManager, EnvironmentManagerCapabilities, ManagerDetection } from "./environment-manager.js";
export type { Introspector } from "./introspector.js";
export type { Cache } from "./cache.js";
export type { CatalogGenerator, CatalogGenerationRequest, CatalogDraft } from "./catalog-generator.js";
