import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { EnvironmentError, type ProgressEvent } from "@snakepit/core";
import { withExclusiveLock } from "./exclusive-lock.js";
import { venvExecutable } from "./environment-layout.js";
import { bootstrappedUvPath, uvVersion, type FoundUv } from "./find-uv.js";
import { runCommand } from "./run-command.js";

export interface BootstrapUvOptions {
  readonly toolsDir: string;
  /** Interpreter that creates the tools venv; default "python3". */
  readonly python: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: ProgressEvent) => void;
}

/** The two ways out when uv is missing and cannot be installed. */
export const uvInstallAdvice =
  "Either install uv yourself (https://docs.astral.sh/uv/getting-started/installation/, e.g. `pipx install uv`) "
  + "and make it findable on PATH or with SNAKEPIT_UV=/path/to/uv, or make `python3 -m venv` and `pip install uv` work "
  + "(a Python with the venv module and access to a package index), then run again.";

/**
 * Installs uv from the package index into a private venv in the tools folder
 * (`python3 -m venv <tools>/uv-venv`, then its pip installs uv), because
 * asking users to install a tool first is the step they skip. pip reads its
 * own configuration, so corporate mirrors keep working. Concurrent bootstraps
 * take turns on a lock; a failed one leaves nothing behind.
 *
 * @example
 * const uv = await bootstrapUv({ toolsDir: ".snakepit/tools", python: "python3", env: process.env });
 */
export async function bootstrapUv(options: BootstrapUvOptions): Promise<FoundUv> {
  const venv = join(options.toolsDir, "uv-venv");
  const executable = bootstrappedUvPath(options.toolsDir);
  const report = (message: string) => options.onProgress?.({ manager: "uv", phase: "bootstrapping", message });
  await mkdir(options.toolsDir, { recursive: true });
  return withExclusiveLock(join(options.toolsDir, ".uv-bootstrap.lock"), async () => {
    const already = await uvVersion(executable, options.env).catch(() => undefined);
    if (already) return { executable, version: already, source: `bootstrapped into ${venv}` };
    await rm(venv, { recursive: true, force: true });
    try {
      report(`uv not found; creating a private venv for it: ${options.python} -m venv ${venv}`);
      await step(options, options.python, ["-m", "venv", venv], `"${options.python} -m venv" failed`);
      report(`installing uv into ${venv} with pip (once per tools folder)`);
      await step(options, venvExecutable(venv, "python"), ["-m", "pip", "install", "--quiet", "uv"], "pip could not install uv");
      const version = await uvVersion(executable, options.env);
      if (!version) throw new EnvironmentError(`pip installed uv into ${venv}, but ${executable} does not run.`, uvInstallAdvice);
      report(`uv ${version} is ready at ${executable}`);
      return { executable, version, source: `bootstrapped into ${venv}` };
    } catch (error) {
      await rm(venv, { recursive: true, force: true });
      throw error;
    }
  }, { ...(options.signal ? { signal: options.signal } : {}), onWait: (owner) => report(`waiting for ${owner}, which is installing uv`) });
}

async function step(options: BootstrapUvOptions, file: string, args: string[], what: string): Promise<void> {
  const result = await runCommand(file, args, { env: options.env, ...(options.signal ? { signal: options.signal } : {}) });
  if (result.exitCode !== 0) {
    throw new EnvironmentError(`uv was not found, and installing it failed: ${what}.`, `${uvInstallAdvice}\n\n${(result.spawnError ?? result.stderr).trim()}`);
  }
}
