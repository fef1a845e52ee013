import { randomUUID } from "node:crypto";
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import type { Environment, EnvironmentOperationOptions, EnvironmentSpec } from "@snakepit/core";
import { venvPython, type EnvironmentLayout } from "./environment-layout.js";
import { environmentFingerprint, hashFile, writeEnvironmentState } from "./environment-state.js";
import type { Interpreter } from "./find-interpreter.js";
import { generatedPyproject, requiresPythonOf, type LocalSource } from "./generated-pyproject.js";
import { localProjectName } from "./local-project-name.js";
import { poetryFailure } from "./poetry-failure.js";
import { poetryProgressEvent } from "./poetry-progress.js";
import { runCommand } from "./run-command.js";

export interface PoetryBuildInput {
  readonly spec: EnvironmentSpec;
  readonly layout: EnvironmentLayout;
  readonly specFingerprint: string;
  readonly poetry: string;
  readonly interpreter: Interpreter;
  readonly indexUrl: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly operation: EnvironmentOperationOptions;
}

/**
 * One change to a Poetry environment, run while holding its lock. The
 * generated project is staged next to the environment folder (same depth, so
 * the relative paths Poetry writes into poetry.lock stay valid); Poetry puts
 * the venv into a fresh `venv-<id>` folder (POETRY_VIRTUALENVS_PATH). Files
 * move in and state.json switches only when Poetry succeeded.
 */
export class PoetryBuild {
  constructor(private readonly input: PoetryBuildInput) {}

  async lockOnly(): Promise<string> {
    return this.#staged(async (staging) => {
      const environments = join(staging, "venvs");
      await this.#poetry(["env", "use", this.input.interpreter.path], staging, environments, "selecting the interpreter");
      await this.#poetry(["lock"], staging, environments, `locking environment ${this.input.spec.name}`);
      await this.#adoptFiles(staging);
      return this.input.layout.lockFile;
    });
  }

  async run(): Promise<Environment> {
    const { layout, spec } = this.input;
    return this.#staged(async (staging) => {
      const venvFolder = `venv-${randomUUID().slice(0, 8)}`;
      const environments = join(layout.environmentDir, venvFolder);
      const createdEnvironmentDir = !(await exists(layout.environmentDir));
      try {
        await mkdir(environments, { recursive: true });
        await this.#poetry(["env", "use", this.input.interpreter.path], staging, environments, "creating the venv");
        const current = await readFile(layout.pyprojectFile, "utf8").catch(() => undefined);
        if (current === (await readFile(join(staging, "pyproject.toml"), "utf8")) && (await exists(join(staging, "poetry.lock")))) {
          this.#report("locking", `poetry.lock matches the spec of ${spec.name}; installing exactly what it pins`);
        } else {
          this.#report("resolving", `resolving the requirements of ${spec.name} with Poetry`);
          await this.#poetry(["lock"], staging, environments, `locking environment ${spec.name}`);
        }
        await this.#poetry(["install", "--no-root"], staging, environments, `installing environment ${spec.name}`);
        const root = (await this.#poetry(["env", "info", "--path"], staging, environments, "locating the venv")).trim();
        await this.#adoptFiles(staging);
        const pythonVersion = (await venvVersion(root)) ?? this.input.interpreter.version;
        const state = { specFingerprint: this.input.specFingerprint, lockHash: await hashFile(layout.lockFile), venv: relative(layout.environmentDir, root), pythonVersion };
        await writeEnvironmentState(layout.stateFile, state);
        await removeOtherVenvs(layout.environmentDir, venvFolder);
        this.#report("done", `environment ${spec.name} ready (Python ${pythonVersion})`);
        return {
          name: spec.name, manager: "poetry", root, pythonPath: venvPython(root), pythonVersion,
          fingerprint: environmentFingerprint(state), lockfile: layout.lockFile,
        };
      } catch (error) {
        await rm(createdEnvironmentDir ? layout.environmentDir : environments, { recursive: true, force: true });
        throw error;
      }
    });
  }

  async #staged<T>(work: (staging: string) => Promise<T>): Promise<T> {
    const { layout, spec, interpreter, indexUrl } = this.input;
    const staging = join(layout.environmentsDir, `.staging-${spec.name}-pid${process.pid}-${randomUUID().slice(0, 8)}`);
    await mkdir(staging, { recursive: true });
    try {
      const pyproject = generatedPyproject({
        environmentName: spec.name,
        requiresPython: requiresPythonOf(spec.python, interpreter.version),
        requirements: [...spec.packages, ...(spec.bridge && "requirement" in spec.bridge ? [spec.bridge.requirement] : [])],
        localSources: await localSources(spec),
        indexUrl,
      });
      await writeFile(join(staging, "pyproject.toml"), pyproject);
      if (await exists(layout.lockFile)) await copyFile(layout.lockFile, join(staging, "poetry.lock"));
      return await work(staging);
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }

  /** Runs Poetry in the staged project with its venvs in `environments`; returns stdout. */
  async #poetry(args: string[], cwd: string, environments: string, action: string): Promise<string> {
    const { poetry, env, operation } = this.input;
    const output: string[] = [];
    const onLine = (line: string) => {
      output.push(line);
      const event = poetryProgressEvent(line);
      if (event) operation.onProgress?.(event);
    };
    const result = await runCommand(poetry, [...args, "--no-interaction", "--no-ansi"], {
      cwd,
      env: { ...env, POETRY_VIRTUALENVS_PATH: environments, POETRY_VIRTUALENVS_IN_PROJECT: "false", POETRY_VIRTUALENVS_CREATE: "true" },
      ...(operation.signal ? { signal: operation.signal } : {}),
      onStderrLine: onLine,
      onStdoutLine: onLine,
    });
    if (result.exitCode !== 0) throw poetryFailure(action, this.input.indexUrl, result.spawnError ?? output.join("\n"));
    return result.stdout;
  }

  async #adoptFiles(staging: string): Promise<void> {
    const { layout } = this.input;
    await mkdir(layout.environmentDir, { recursive: true });
    await rename(join(staging, "pyproject.toml"), layout.pyprojectFile);
    await rename(join(staging, "poetry.lock"), layout.lockFile);
  }

  #report(phase: "resolving" | "locking" | "done", message: string): void {
    this.input.operation.onProgress?.({ manager: "poetry", phase, message });
  }
}

async function localSources(spec: EnvironmentSpec): Promise<LocalSource[]> {
  const entries = [
    ...(spec.localPackages ?? []).map((item) => ({ path: item.path, editable: item.editable ?? true })),
    ...(spec.bridge && "path" in spec.bridge ? [{ path: spec.bridge.path, editable: true }] : []),
  ];
  return Promise.all(entries.map(async (entry) => {
    const folder = resolve(spec.projectDir, entry.path);
    return { name: await localProjectName(folder), path: folder, editable: entry.editable };
  }));
}

async function venvVersion(root: string): Promise<string | undefined> {
  const config = await readFile(join(root, "pyvenv.cfg"), "utf8").catch(() => "");
  return /^version(?:_info)?\s*=\s*(\S+)/m.exec(config)?.[1];
}

async function removeOtherVenvs(environmentDir: string, keep: string): Promise<void> {
  const entries = await readdir(environmentDir);
  await Promise.all(entries.filter((entry) => entry.startsWith("venv-") && entry !== keep)
    .map((entry) => rm(join(environmentDir, entry), { recursive: true, force: true })));
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}
