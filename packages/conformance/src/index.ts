/**
 * @snakepit/conformance: one test suite per Snakepit port, in the keyv style.
 * Every adapter runs its port's suite in a three-line test file, and so do
 * the in-memory fakes, which tests the suites themselves.
 */
export type { TestApi, Factory } from "./test-api.js";
export { transportSuite, type TransportSuiteOptions } from "./transport-suite.js";
export { cacheSuite, type CacheSuiteOptions, type CacheFactory } from "./cache-suite.js";
export { introspectorSuite, type IntrospectorSuiteOptions } from "./introspector-suite.js";
export { catalogGeneratorSuite, type CatalogGeneratorSuiteOptions } from "./catalog-generator-suite.js";
export { environmentManagerSuite, type EnvironmentManagerSuiteOptions, type EnvironmentManagerFactory, type SuitePackages } from "./environment-manager-suite.js";
export { stdlibHandlers, stdlibTargets } from "./stdlib-handlers.js";
export { FixedIntrospector } from "./catalog-generator/fixed-introspector.js";
export { moreItertoolsDescriptions, moreItertoolsPackage } from "./catalog-generator/more-itertools-descriptions.js";
export { cacheSampleValues } from "./cache/sample-values.js";
export { rejectsWith, collect } from "./assertions.js";
