import { relative } from "node:path";
import type { Environment, EnvironmentOperationOptions, EnvironmentSpec } from "@snakepit/core";
import { removeOtherBuilds, type BuildFolder } from "./build-folder.js";
import type { EnvironmentLayout } from "./environment-layout.js";
import { environmentFingerprint, writeEnvironmentState } from "./environment-state.js";
import { hashFile } from "./hash-file.js";
import { adoptStagedFiles, type StagingFolder } from "./staging-folder.js";

export interface CommitBuildInput {
  readonly spec: EnvironmentSpec;
  readonly layout: EnvironmentLayout;
  /** Manager name for Environment.manager and the "done" event: "uv". */
  readonly manager: string;
  /** What the build was made from: the fingerprint currentEnvironment compares with. */
  readonly specFingerprint: string;
  readonly staging: StagingFolder;
  readonly folder: BuildFolder;
  /** The environment's root when the tool made it inside the build folder (Poetry); default folder.path. */
  readonly root?: string;
  readonly pythonVersion: string;
  readonly operation: EnvironmentOperationOptions;
}

/**
 * Makes a finished build the current environment, in the one order that
 * keeps a crash at any point harmless: the staged spec and lock move in,
 * state.json is written (the commit point: until then the previous build is
 * current), and only then are the other builds deleted.
 *
 * @example
 * return commitBuild({ spec, layout, manager: "uv", specFingerprint, staging, folder, pythonVersion, operation });
 */
export async function commitBuild(input: CommitBuildInput): Promise<Environment> {
  const { spec, layout, folder, pythonVersion } = input;
  const root = input.root ?? folder.path;
  await adoptStagedFiles(layout, input.staging);
  const state = { specFingerprint: input.specFingerprint, lockHash: await hashFile(layout.lockFile), venv: relative(layout.environmentDir, root), pythonVersion };
  await writeEnvironmentState(layout.stateFile, state);
  await removeOtherBuilds(layout, folder.name);
  input.operation.onProgress?.({ manager: input.manager, phase: "done", message: `environment ${spec.name} ready (Python ${pythonVersion})` });
  return {
    name: spec.name, manager: input.manager, root, pythonPath: layout.pythonOf(root), pythonVersion,
    fingerprint: environmentFingerprint(state), lockfile: layout.lockFile,
  };
}
