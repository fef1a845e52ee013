/**
 * @snakepit/adapter-venv: EnvironmentManager on plain `python -m venv` and
 * pip, the fallback for machines with no uv, Poetry or conda.
 */
export { VenvEnvironmentManager } from "./venv-environment-manager.js";
export { VenvEnvironmentContainerModule } from "./venv-container-module.js";
export type { VenvEnvironmentManagerOptions } from "./venv-options.js";
