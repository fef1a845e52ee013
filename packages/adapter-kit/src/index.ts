/**
 * @snakepit/adapter-kit: building blocks for EnvironmentManager adapters —
 * ours and yours. Every Snakepit environment manager keeps the same promises
 * (a cheap no-op when nothing changed, one process at a time, a failed build
 * leaves the working environment intact); these functions are how, so an
 * adapter only says how its tool resolves, installs and reports.
 */
export { withExclusiveLock, type ExclusiveLockOptions } from "./exclusive-lock.js";
export { environmentLayout, type EnvironmentFiles, type EnvironmentLayout } from "./environment-layout.js";
export { environmentFingerprint, readEnvironmentState, writeEnvironmentState, type EnvironmentState } from "./environment-state.js";
export { hashFile } from "./hash-file.js";
export { venvExecutable, venvPython, venvVersion } from "./venv-paths.js";
export { localProjects, requirementsOf, withPackages, type LocalProject } from "./spec-contents.js";
export { localProjectName, namedLocalProjects, type NamedLocalProject } from "./local-project-name.js";
export { localProjectsFingerprint } from "./local-projects-fingerprint.js";
export { requiresPythonOf } from "./requires-python.js";
export { findInterpreter, versionSatisfies, type FindInterpreterOptions, type Interpreter } from "./find-interpreter.js";
export { runCommand, type CommandResult, type RunCommandOptions } from "./run-command.js";
export { progressParser, runWithProgress, type ProgressParser, type RunWithProgressOptions } from "./tool-progress.js";
export { pipInstalledTool, pipInstalledToolPath, type FoundTool, type PipInstalledToolOptions } from "./pip-installed-tool.js";
export { currentEnvironment } from "./current-environment.js";
export { removeEnvironment, withEnvironmentLock, type EnvironmentLockOptions } from "./environment-lock.js";
export { ensureEnvironment, type EnsureEnvironmentInput } from "./ensure-environment.js";
export { adoptStagedFiles, removeAbandonedStaging, reuseCurrentLock, withStagingFolder, type StagingFolder, type StagingOptions } from "./staging-folder.js";
export { inNewBuildFolder, removeOtherBuilds, type BuildFolder } from "./build-folder.js";
export { commitBuild, type CommitBuildInput } from "./commit-build.js";
