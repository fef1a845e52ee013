/**
 * Test doubles shipped with the product: test your application without
 * Python. See the core README, "Testing your app without Python".
 */
export { InMemoryTransport, type InMemoryHandler, type InMemoryTransportOptions, type RecordedCall } from "./in-memory-transport.js";
export { InMemoryCache, type InMemoryCacheOptions } from "./in-memory-cache.js";
export { FakeEnvironmentManager, type FakeEnvironmentManagerOptions, type RecordedEnvironmentOperation } from "./fake-environment-manager.js";
export { InMemoryTransportContainerModule } from "./in-memory-container-module.js";
