import { stat } from "node:fs/promises";
import { join } from "node:path";
import type { Environment, EnvironmentSpec } from "@snakepit/core";
import type { EnvironmentLayout } from "./environment-layout.js";
import { environmentFingerprint, readEnvironmentState } from "./environment-state.js";
import { hashFile } from "./hash-file.js";

/**
 * The current environment when state.json, the lock file and the build all
 * agree with the spec; undefined when anything must be (re)built. Reads a few
 * small files and starts no tool, which is what makes an unchanged ensure()
 * take milliseconds. A lock changed by hand (git pull) counts as a change.
 *
 * @example
 * const ready = await currentEnvironment({ spec, layout, manager: "uv", specFingerprint: wanted });
 */
export async function currentEnvironment(input: {
  readonly spec: EnvironmentSpec;
  readonly layout: EnvironmentLayout;
  readonly manager: string;
  readonly specFingerprint: string;
}): Promise<Environment | undefined> {
  const { layout } = input;
  const state = await readEnvironmentState(layout.stateFile);
  if (!state || state.specFingerprint !== input.specFingerprint) return undefined;
  if (state.lockHash !== (await hashFile(layout.lockFile))) return undefined;
  const root = join(layout.environmentDir, state.venv);
  if (!(await stat(join(root, layout.completeMarker)).then(() => true, () => false))) return undefined;
  return {
    name: input.spec.name, manager: input.manager, root, pythonPath: layout.pythonOf(root), pythonVersion: state.pythonVersion,
    fingerprint: environmentFingerprint(state), lockfile: layout.lockFile,
  };
}
