import { randomUUID } from "node:crypto";
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { EnvironmentError, type Environment, type EnvironmentOperationOptions, type EnvironmentSpec } from "@snakepit/core";
import { venvPython, type EnvironmentLayout } from "./environment-layout.js";
import { environmentFingerprint, hashFile, writeEnvironmentState } from "./environment-state.js";
import { generatedPyproject, requiresPythonOf, type LocalSource } from "./generated-pyproject.js";
import type { IndexSettings } from "./index-settings.js";
import { findInterpreter, installedInterpreters, type FoundInterpreter } from "./interpreters.js";
import { requirementsOf } from "./local-sources.js";
import { runCommand } from "./run-command.js";
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
 * One change to an environment, run while holding its lock. Everything new is
 * written aside first: pyproject.toml and uv.lock in a staging folder next to
 * the environment (same depth, so relative paths in the lock stay valid), the
 * venv in a fresh `venv-<id>` folder. Only when uv succeeded are they moved in
 * and state.json rewritten; on failure the new files are deleted and the
 * previous environment is untouched.
 */
export class UvBuild {
  constructor(private readonly input: UvBuildInput) {}

  /** Resolves into uv.lock without installing; returns its path. */
  async lockOnly(): Promise<string> {
    return this.#staged(async (staging, interpreter) => {
      await this.#lock(staging, interpreter, true);
      await this.#adoptProjectFiles(staging);
      return this.input.layout.lockFile;
    });
  }

  /** Locks when the spec changed, syncs a new venv from the lock, then switches to it. */
  async run(): Promise<Environment> {
    const { layout, spec } = this.input;
    return this.#staged(async (staging, interpreter) => {
      await this.#lock(staging, interpreter, false);
      const venv = `venv-${randomUUID().slice(0, 8)}`;
      const root = join(layout.environmentDir, venv);
      const createdEnvironmentDir = !(await exists(layout.environmentDir));
      try {
        await mkdir(layout.environmentDir, { recursive: true });
        this.#report("installing", `syncing ${spec.name} from uv.lock into ${root}`);
        await this.#uv(["sync", "--frozen", "--python", interpreter.path], staging, `installing environment ${spec.name}`, { UV_PROJECT_ENVIRONMENT: root });
        const pythonVersion = await venvVersion(root) ?? interpreter.version;
        await this.#adoptProjectFiles(staging);
        const state = { specFingerprint: this.input.specFingerprint, lockHash: await hashFile(layout.lockFile), venv, pythonVersion };
        await writeEnvironmentState(layout.stateFile, state);
        await removeOtherVenvs(layout.environmentDir, venv);
        this.#report("done", `environment ${spec.name} ready (Python ${pythonVersion})`);
        return {
          name: spec.name, manager: "uv", root, pythonPath: venvPython(root), pythonVersion,
          fingerprint: environmentFingerprint(state), lockfile: layout.lockFile,
        };
      } catch (error) {
        await rm(createdEnvironmentDir ? layout.environmentDir : root, { recursive: true, force: true });
        throw error;
      }
    });
  }

  /** Runs `work` with a staging folder holding the new pyproject.toml (and the current uv.lock, to keep its pins); always removes it. */
  async #staged<T>(work: (staging: string, interpreter: FoundInterpreter) => Promise<T>): Promise<T> {
    const { layout, spec } = this.input;
    const interpreter = await this.#interpreter();
    const staging = join(layout.environmentsDir, `.staging-${spec.name}-pid${process.pid}-${randomUUID().slice(0, 8)}`);
    await mkdir(staging, { recursive: true });
    try {
      const pyproject = generatedPyproject({
        environmentName: spec.name,
        requiresPython: requiresPythonOf(spec.python, interpreter.version),
        requirements: requirementsOf(spec),
        localSources: this.input.localSources,
      });
      await writeFile(join(staging, "pyproject.toml"), pyproject);
      if (await exists(layout.lockFile)) await copyFile(layout.lockFile, join(staging, "uv.lock"));
      return await work(staging, interpreter);
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }

  /** `uv lock`, skipped when the lock was made from this very pyproject.toml (then `sync --frozen` reproduces it). */
  async #lock(staging: string, interpreter: FoundInterpreter, always: boolean): Promise<void> {
    const { layout, spec } = this.input;
    const current = await readFile(layout.pyprojectFile, "utf8").catch(() => undefined);
    const staged = await readFile(join(staging, "pyproject.toml"), "utf8");
    if (!always && current === staged && (await exists(join(staging, "uv.lock")))) {
      this.#report("locking", `uv.lock matches the spec of ${spec.name}; installing exactly what it pins`);
      return;
    }
    this.#report("resolving", `resolving ${requirementsOf(spec).length + this.input.localSources.length} requirements of ${spec.name}`);
    await this.#uv(["lock", "--python", interpreter.path], staging, `locking environment ${spec.name}`);
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
    const result = await runCommand(uv, [...args, ...index.args], {
      cwd,
      env: { ...env, ...extraEnv },
      ...(operation.signal ? { signal: operation.signal } : {}),
      onStderrLine: (line) => {
        const event = uvProgressEvent(line);
        if (event) operation.onProgress?.(event);
      },
    });
    if (result.exitCode !== 0) throw uvFailure({ action, index: index.description, stderr: result.spawnError ?? result.stderr });
  }

  /** Moves the staged pyproject.toml and uv.lock into the environment folder. */
  async #adoptProjectFiles(staging: string): Promise<void> {
    const { layout } = this.input;
    await mkdir(layout.environmentDir, { recursive: true });
    await rename(join(staging, "pyproject.toml"), layout.pyprojectFile);
    await rename(join(staging, "uv.lock"), layout.lockFile);
  }

  #report(phase: "resolving" | "locking" | "installing" | "done", message: string): void {
    this.input.operation.onProgress?.({ manager: "uv", phase, message });
  }
}

/** "3.11.7" from the venv's pyvenv.cfg, read instead of starting Python. */
async function venvVersion(root: string): Promise<string | undefined> {
  const config = await readFile(join(root, "pyvenv.cfg"), "utf8").catch(() => "");
  return /^version(?:_info)?\s*=\s*(\S+)/m.exec(config)?.[1];
}

/** Deletes previous venvs and any left by a build that was killed. */
async function removeOtherVenvs(environmentDir: string, keep: string): Promise<void> {
  const entries = await readdir(environmentDir);
  await Promise.all(entries.filter((entry) => entry.startsWith("venv-") && entry !== keep)
    .map((entry) => rm(join(environmentDir, entry), { recursive: true, force: true })));
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}
