import { createHash, randomUUID } from "node:crypto";
import { readFile, rename, writeFile } from "node:fs/promises";

/** What the current venv of an environment was built from. */
export interface EnvironmentState {
  /** core's specFingerprint of the spec (plus local project metadata). */
  readonly specFingerprint: string;
  /** sha256 of poetry.lock when the venv was installed from it. */
  readonly lockHash: string;
  /** Path of the venv relative to the environment folder ("venv-1a2b3c4d/snakepit-env-main-Ab12-py3.11"). */
  readonly venv: string;
  readonly pythonVersion: string;
}

/** Reads the state file; absent or unreadable means "nothing built yet". */
export async function readEnvironmentState(stateFile: string): Promise<EnvironmentState | undefined> {
  try {
    return JSON.parse(await readFile(stateFile, "utf8")) as EnvironmentState;
  } catch {
    return undefined;
  }
}

/** Writes the state file atomically (write aside, then rename), so readers never see half of it. */
export async function writeEnvironmentState(stateFile: string, state: EnvironmentState): Promise<void> {
  const temporary = `${stateFile}.${randomUUID()}.tmp`;
  await writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`);
  await rename(temporary, stateFile);
}

/** sha256 of a file's bytes, or "" when it does not exist. */
export async function hashFile(file: string): Promise<string> {
  try {
    return createHash("sha256").update(await readFile(file)).digest("hex");
  } catch {
    return "";
  }
}

/** The Environment.fingerprint: spec and lock together. */
export function environmentFingerprint(state: Pick<EnvironmentState, "specFingerprint" | "lockHash">): string {
  return createHash("sha256").update(`${state.specFingerprint}:${state.lockHash}`).digest("hex").slice(0, 32);
}
