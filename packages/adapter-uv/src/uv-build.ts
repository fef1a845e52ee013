import {
  adoptStagedFiles, commitBuild, inNewBuildFolder, requirementsOf, requiresPythonOf, reuseCurrentLock, runWithProgress, venvVersion, withStagingFolder,
  type EnvironmentLayout, type StagingFolder,
} from "@snakepit/adapter-kit";
import { EnvironmentError, type Environment, type EnvironmentOperationOptions, type EnvironmentSpec } from "@snakepit/core";
import { generatedPyproject, type LocalSource } from "./generated-pyproject.js";
import type { IndexSettings } from "./index-settings.js";
import { findInterpreter, installedInterpreters, type FoundInterpreter } from "./interpreters.js";
import { uvFailure } from "./uv-failure.js";
import { uvProgressEvent } from "./uv-progress.js";

export interface UvBuildInput {
  readonly spec: EnvironmentSpec;
  readonly layout: EnvironmentLayout;
  readonly specFingerprint: string;
  readonly uv: string;
  readonly index: IndexSettings;
  readonly localSources: readonly LocalSource[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly operation: EnvironmentOperationOptions;
}

/**
 * One change to an environment, run while holding its lock. pyproject.toml
 * and uv.lock are written in a staging folder (with the current uv.lock, so
 * `uv lock` keeps its pins), the venv is synced into a new build folder, and
 * commitBuild switches to it only when uv succeeded; on failure the previous
 * environment is untouched.
 */
export class UvBuild {
  constructor(private readonly input: UvBuildInput) {}

  /** Resolves into uv.lock without installing; returns its path. */
  async lockOnly(): Promise<string> {
    return this.#staged(async (staging, interpreter) => {
      await this.#lock(staging, interpreter, true);
      await adoptStagedFiles(this.input.layout, staging);
      return this.input.layout.lockFile;
    });
  }

  /** Locks when the spec changed, syncs a new venv from the lock, then switches to it. */
  async run(): Promise<Environment> {
    const { layout, spec } = this.input;
    return this.#staged(async (staging, interpreter) => {
      await this.#lock(staging, interpreter, false);
      return inNewBuildFolder(layout, async (folder) => {
        this.#report("installing", `syncing ${spec.name} from uv.lock into ${folder.path}`);
        await this.#uv(["sync", "--frozen", "--python", interpreter.path], staging.path, `installing environment ${spec.name}`, { UV_PROJECT_ENVIRONMENT: folder.path });
        const pythonVersion = (await venvVersion(folder.path)) ?? interpreter.version;
        return commitBuild({ ...this.input, manager: "uv", staging, folder, pythonVersion });
      });
    });
  }

  /** Runs `work` with a staging folder holding the new pyproject.toml and the current uv.lock. */
  async #staged<T>(work: (staging: StagingFolder, interpreter: FoundInterpreter) => Promise<T>): Promise<T> {
    const { layout, spec } = this.input;
    const interpreter = await this.#interpreter();
    const pyproject = generatedPyproject({
      environmentName: spec.name,
      requiresPython: requiresPythonOf(spec.python, interpreter.version),
      requirements: requirementsOf(spec),
      localSources: this.input.localSources,
    });
    return withStagingFolder(layout, pyproject, (staging) => work(staging, interpreter), { carryLock: true });
  }

  /** `uv lock`, skipped when the lock was made from this very pyproject.toml (then `sync --frozen` reproduces it). */
  async #lock(staging: StagingFolder, interpreter: FoundInterpreter, always: boolean): Promise<void> {
    const { layout, spec } = this.input;
    if (!always && (await reuseCurrentLock(layout, staging))) {
      this.#report("locking", `uv.lock matches the spec of ${spec.name}; installing exactly what it pins`);
      return;
    }
    this.#report("resolving", `resolving ${requirementsOf(spec).length + this.input.localSources.length} requirements of ${spec.name}`);
    await this.#uv(["lock", "--python", interpreter.path], staging.path, `locking environment ${spec.name}`);
  }

  async #interpreter(): Promise<FoundInterpreter> {
    const { uv, env, spec, operation } = this.input;
    const found = await findInterpreter(uv, spec.python, env, operation.signal);
    if (found.interpreter) return found.interpreter;
    const available = await installedInterpreters(uv, env);
    const listing = available.length
      ? available.map((item) => `  - Python ${item.version} at ${item.path}`).join("\n")
      : "  (none)";
    throw new EnvironmentError(
      `No Python interpreter matching "${spec.python ?? "any"}" was found for environment ${spec.name}, and uv may not download one here (UV_PYTHON_DOWNLOADS=never).`,
      `Install Python ${spec.python ?? "3"} (your OS packages, pyenv, or python.org) or change \`python\` in your config to one of the interpreters found:\n${listing}`,
    );
  }

  async #uv(args: string[], cwd: string, action: string, extraEnv: Record<string, string> = {}): Promise<void> {
    const { uv, env, index, operation } = this.input;
    const result = await runWithProgress(uv, [...args, ...index.args], {
      cwd, env: { ...env, ...extraEnv }, progress: uvProgressEvent, onProgress: operation.onProgress,
      ...(operation.signal ? { signal: operation.signal } : {}),
    });
    if (result.exitCode !== 0) throw uvFailure({ action, index: index.description, stderr: result.spawnError ?? result.stderr });
  }

  #report(phase: "resolving" | "locking" | "installing", message: string): void {
    this.input.operation.onProgress?.({ manager: "uv", phase, message });
  }
}
