/**
 * snakepit: the command line, and the same steps as functions for programs
 * and build tools (load the config, validate the catalog, write the lock,
 * generate wrappers), plus the default runtime.
 */
export { startSnakepit, startRuntime, environmentSpecFor, pythonDeps, DependencySet, selectEnvironmentManager, sharedToolsDir, type StartSnakepitOptions, type StartedSnakepit, type PythonDepsOptions, type ManagerChoice, type ManagerSelection } from "./runtime/index.js";
export { startTenants, SnakepitTenants, QuotaTransport, type StartTenantsOptions, type Quota, type ReloadEvent, type ProjectChange } from "./runtime/index.js";
export { startRemoteSnakepit, startRemoteFleet, type StartRemoteSnakepitOptions, type RemoteWorkersConfig, type RemoteFleetStartOptions } from "./runtime/index.js";
export { loadConfig, type LoadedConfig } from "./config/load-config.js";
export { findConfigFile, configFileNames } from "./config/config-file.js";
export { validateCatalog, type CatalogValidation, type ValidateOptions } from "./catalog/validate-catalog.js";
export { lockCatalog, type LockedCatalog } from "./catalog/lock-catalog.js";
export { CatalogValidationError } from "./catalog/catalog-validation-error.js";
export { formatProblem, type CatalogProblem, type CatalogProblemKind } from "./catalog/catalog-problem.js";
export { catalogLockVersion, type CatalogLock, type LockedLibrary, type LockedFunction, type LockedClass, type LockedModule } from "./lock/catalog-lock.js";
export { readLockFile, writeLockFile, lockFilePath } from "./lock/lock-file.js";
export { generateBindings, type GeneratedFile } from "./codegen/generate-bindings.js";
export { writeGeneratedFiles, type WriteOutcome } from "./codegen/write-generated.js";
export { tsTypeFor } from "./codegen/type-mapping.js";
export { WorkerPackageMetadataSource } from "./drafting/worker-package-metadata-source.js";
export { selectCatalogGenerator, type GeneratorSelection, type SelectedGenerator } from "./drafting/select-catalog-generator.js";
export { main, type MainOptions } from "./cli/main.js";
export { ExitCode, exitCodeFor } from "./cli/exit-codes.js";
export type { RuntimeLoader, RunningSnakepit } from "./cli/runtime-loader.js";
export type { Prompt } from "./cli/prompt.js";
