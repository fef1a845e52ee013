/**
 * @snakepit/adapter-uv: the default EnvironmentManager, on uv. Locked,
 * project-scoped environments under `.snakepit/envs/<name>/`.
 */
export { UvEnvironmentManager } from "./uv-environment-manager.js";
export { UvEnvironmentContainerModule } from "./uv-container-module.js";
export type { UvEnvironmentManagerOptions } from "./uv-options.js";
export { bootstrapUv, type BootstrapUvOptions } from "./bootstrap-uv.js";
export { findUv, type FoundUv } from "./find-uv.js";
