/**
 * @snakepit/adapter-conda: EnvironmentManager on conda, mamba or micromamba,
 * for projects that need conda packages. Same layout and guarantees as the uv adapter.
 */
export { CondaEnvironmentManager } from "./conda-environment-manager.js";
export { CondaEnvironmentContainerModule } from "./conda-container-module.js";
export type { CondaEnvironmentManagerOptions } from "./conda-options.js";
export { findConda, type FoundConda } from "./find-conda.js";
export { hasEnvironmentFile } from "./has-environment-file.js";
