/**
 * @snakepit/adapter-poetry: EnvironmentManager on Poetry, for teams that
 * already use it. Same layout and guarantees as the uv adapter.
 */
export { PoetryEnvironmentManager } from "./poetry-environment-manager.js";
export { PoetryEnvironmentContainerModule } from "./poetry-container-module.js";
export type { PoetryEnvironmentManagerOptions } from "./poetry-options.js";
export { bootstrapPoetry, findPoetry, type FoundPoetry } from "./find-poetry.js";
export { isPoetryProject } from "./is-poetry-project.js";
