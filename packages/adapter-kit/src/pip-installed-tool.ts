import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { EnvironmentError, type ProgressEvent } from "@snakepit/core";
import { withExclusiveLock } from "./exclusive-lock.js";
import { runCommand } from "./run-command.js";
import { venvExecutable } from "./venv-paths.js";

/** A tool executable and where it came from. */
export interface FoundTool {
  readonly executable: string;
  readonly version: string;
  /** How it was found: "PATH", "SNAKEPIT_UV", "bootstrapped into …". */
  readonly source: string;
}

export interface PipInstalledToolOptions {
  /** Distribution and executable name: "uv", "poetry". */
  readonly name: string;
  /** Name for people and progress messages: "uv", "Poetry". */
  readonly displayName: string;
  /** Manager name for the "bootstrapping" progress events. */
  readonly manager: string;
  readonly toolsDir: string;
  /** Interpreter that creates the private venv. */
  readonly python: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The tool's version, or undefined when the executable does not run. */
  readonly version: (executable: string) => Promise<string | undefined>;
  /** What to do when installing fails; the first line of the error says what failed. */
  readonly installAdvice: string;
  /** Said while installing, e.g. "about half a minute". */
  readonly expectedDuration?: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: ProgressEvent) => void;
}

/**
 * Where pipInstalledTool puts a tool: `<toolsDir>/<name>-venv/bin/<name>`.
 *
 * @example
 * pipInstalledToolPath(".snakepit/tools", "uv") // ".snakepit/tools/uv-venv/bin/uv"
 */
export function pipInstalledToolPath(toolsDir: string, name: string): string {
  return venvExecutable(join(toolsDir, `${name}-venv`), name);
}

/**
 * Installs a Python-packaged tool (uv, Poetry) from the package index into a
 * private venv in the tools folder (`python3 -m venv`, then its pip), because
 * asking users to install a tool first is the step they skip, and a private
 * venv keeps the tool's dependencies out of every environment it builds.
 * pip reads its own configuration, so corporate mirrors keep working.
 * Concurrent bootstraps take turns on a lock; a failed one leaves nothing behind.
 *
 * @example
 * const uv = await pipInstalledTool({ name: "uv", displayName: "uv", manager: "uv", toolsDir, python: "python3", env, version, installAdvice });
 */
export async function pipInstalledTool(options: PipInstalledToolOptions): Promise<FoundTool> {
  const venv = join(options.toolsDir, `${options.name}-venv`);
  const executable = pipInstalledToolPath(options.toolsDir, options.name);
  const source = `bootstrapped into ${venv}`;
  const report = (message: string) => options.onProgress?.({ manager: options.manager, phase: "bootstrapping", message });
  await mkdir(options.toolsDir, { recursive: true });
  return withExclusiveLock(join(options.toolsDir, `.${options.name}-bootstrap.lock`), async () => {
    const already = await options.version(executable).catch(() => undefined);
    if (already) return { executable, version: already, source };
    await rm(venv, { recursive: true, force: true });
    try {
      report(`${options.displayName} not found; creating a private venv for it: ${options.python} -m venv ${venv}`);
      await step(options, options.python, ["-m", "venv", venv], `"${options.python} -m venv" failed`);
      report(`installing ${options.displayName} into ${venv} with pip (once per tools folder${options.expectedDuration ? `; ${options.expectedDuration}` : ""})`);
      await step(options, venvExecutable(venv, "python"), ["-m", "pip", "install", "--quiet", options.name], `pip could not install ${options.name}`);
      const version = await options.version(executable);
      if (!version) throw new EnvironmentError(`pip installed ${options.displayName} into ${venv}, but ${executable} does not run.`, options.installAdvice);
      report(`${options.displayName} ${version} is ready at ${executable}`);
      return { executable, version, source };
    } catch (error) {
      await rm(venv, { recursive: true, force: true });
      throw error;
    }
  }, { ...(options.signal ? { signal: options.signal } : {}), onWait: (owner) => report(`waiting for ${owner}, which is installing ${options.displayName}`) });
}

async function step(options: PipInstalledToolOptions, file: string, args: string[], what: string): Promise<void> {
  const result = await runCommand(file, args, { env: options.env, ...(options.signal ? { signal: options.signal } : {}) });
  if (result.exitCode !== 0) {
    throw new EnvironmentError(`${options.displayName} was not found, and installing it failed: ${what}.`, `${options.installAdvice}\n\n${(result.spawnError ?? result.stderr).trim()}`);
  }
}
