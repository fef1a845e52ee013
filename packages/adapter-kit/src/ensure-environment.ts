import type { Environment, EnvironmentSpec } from "@snakepit/core";
import { currentEnvironment } from "./current-environment.js";
import type { EnvironmentLayout } from "./environment-layout.js";
import { withEnvironmentLock, type EnvironmentLockOptions } from "./environment-lock.js";

export interface EnsureEnvironmentInput extends EnvironmentLockOptions {
  readonly spec: EnvironmentSpec;
  readonly layout: EnvironmentLayout;
  /** The fingerprint of what `spec` asks for (localProjectsFingerprint, or core's specFingerprint). */
  readonly specFingerprint: string;
  /** Builds the environment anew; called only under the lock and only when the current one does not match. */
  readonly build: () => Promise<Environment>;
}

/**
 * The ensure() every manager shares: return the current environment when it
 * matches, without locking or starting a tool; otherwise take the lock, look
 * again (another process may have just built it while we waited), and build.
 *
 * @example
 * return ensureEnvironment({ spec, layout, specFingerprint: wanted, manager: this.name, ...options, build: () => newBuild().run() });
 */
export async function ensureEnvironment(input: EnsureEnvironmentInput): Promise<Environment> {
  const ready = await currentEnvironment(input);
  if (ready) return ready;
  return withEnvironmentLock(input.layout, input, async () => (await currentEnvironment(input)) ?? input.build());
}
