import { createHash, randomUUID } from "node:crypto";
import { readFile, rename, writeFile } from "node:fs/promises";

/**
 * What the current build of an environment was made from. state.json is
 * written last in a build, so it is the commit point: whatever it names is
 * complete, and anything it does not name is a leftover.
 */
export interface EnvironmentState {
  /** core's specFingerprint of the spec (plus whatever else the adapter says changes the environment). */
  readonly specFingerprint: string;
  /** sha256 of the lock file the build was installed from. */
  readonly lockHash: string;
  /** Path of the build relative to the environment folder: "venv-1a2b3c4d", "prefix-1a2b3c4d", "venv-1a2b3c4d/snakepit-env-main-Ab12-py3.11". */
  readonly venv: string;
  readonly pythonVersion: string;
}

/**
 * Reads the state file; absent or unreadable means "nothing built yet".
 *
 * @example
 * const state = await readEnvironmentState(layout.stateFile);
 */
export async function readEnvironmentState(stateFile: string): Promise<EnvironmentState | undefined> {
  try {
    return JSON.parse(await readFile(stateFile, "utf8")) as EnvironmentState;
  } catch {
    return undefined;
  }
}

/**
 * Writes the state file atomically (write aside, then rename), so a reader
 * never sees half of it and a crash mid-write leaves the old state in force.
 *
 * @example
 * await writeEnvironmentState(layout.stateFile, { specFingerprint, lockHash, venv: "venv-1a2b3c4d", pythonVersion: "3.11.7" });
 */
export async function writeEnvironmentState(stateFile: string, state: EnvironmentState): Promise<void> {
  const temporary = `${stateFile}.${randomUUID()}.tmp`;
  await writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`);
  await rename(temporary, stateFile);
}

/**
 * The Environment.fingerprint: spec and lock together, because the same spec
 * installed from another lock is another environment.
 *
 * @example
 * environmentFingerprint({ specFingerprint: "ab12…", lockHash: "cd34…" }) // 32 hex digits
 */
export function environmentFingerprint(state: Pick<EnvironmentState, "specFingerprint" | "lockHash">): string {
  return createHash("sha256").update(`${state.specFingerprint}:${state.lockHash}`).digest("hex").slice(0, 32);
}
