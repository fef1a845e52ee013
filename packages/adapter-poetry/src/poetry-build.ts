import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import {
  adoptStagedFiles, commitBuild, inNewBuildFolder, namedLocalProjects, requirementsOf, requiresPythonOf, reuseCurrentLock, runWithProgress,
  venvVersion, withStagingFolder, type EnvironmentLayout, type Interpreter, type StagingFolder,
} from "@snakepit/adapter-kit";
import type { Environment, EnvironmentOperationOptions, EnvironmentSpec } from "@snakepit/core";
import { generatedPyproject } from "./generated-pyproject.js";
import { poetryFailure } from "./poetry-failure.js";
import { poetryProgressEvent } from "./poetry-progress.js";

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
 * the venv into a new build folder (POETRY_VIRTUALENVS_PATH). commitBuild
 * makes it current only when Poetry succeeded.
 */
export class PoetryBuild {
  constructor(private readonly input: PoetryBuildInput) {}

  async lockOnly(): Promise<string> {
    return this.#staged(async (staging) => {
      const environments = join(staging.path, "venvs");
      await this.#poetry(["env", "use", this.input.interpreter.path], staging, environments, "selecting the interpreter");
      await this.#poetry(["lock"], staging, environments, `locking environment ${this.input.spec.name}`);
      await adoptStagedFiles(this.input.layout, staging);
      return this.input.layout.lockFile;
    });
  }

  async run(): Promise<Environment> {
    const { layout, spec } = this.input;
    return this.#staged((staging) => inNewBuildFolder(layout, async (folder) => {
      await mkdir(folder.path, { recursive: true });
      await this.#poetry(["env", "use", this.input.interpreter.path], staging, folder.path, "creating the venv");
      if (await reuseCurrentLock(layout, staging)) {
        this.#report("locking", `poetry.lock matches the spec of ${spec.name}; installing exactly what it pins`);
      } else {
        this.#report("resolving", `resolving the requirements of ${spec.name} with Poetry`);
        await this.#poetry(["lock"], staging, folder.path, `locking environment ${spec.name}`);
      }
      await this.#poetry(["install", "--no-root"], staging, folder.path, `installing environment ${spec.name}`);
      const root = (await this.#poetry(["env", "info", "--path"], staging, folder.path, "locating the venv")).trim();
      const pythonVersion = (await venvVersion(root)) ?? this.input.interpreter.version;
      return commitBuild({ ...this.input, manager: "poetry", staging, folder, root, pythonVersion });
    }));
  }

  async #staged<T>(work: (staging: StagingFolder) => Promise<T>): Promise<T> {
    const { layout, spec, interpreter, indexUrl } = this.input;
    const pyproject = generatedPyproject({
      environmentName: spec.name,
      requiresPython: requiresPythonOf(spec.python, interpreter.version),
      requirements: requirementsOf(spec),
      localSources: await namedLocalProjects(spec),
      indexUrl,
    });
    return withStagingFolder(layout, pyproject, work, { carryLock: true });
  }

  /**
   * Runs Poetry in the staged project with its venvs in `environments`; returns stdout.
   * Its temporary files go to a folder inside the staging folder (TMPDIR), which is
   * removed with it: Poetry leaves an empty `poetry-chef-*` folder in the system's
   * temp folder for every build of a local project, one more per `ensure`.
   */
  async #poetry(args: string[], staging: StagingFolder, environments: string, action: string): Promise<string> {
    const { poetry, env, operation } = this.input;
    const temporary = join(staging.path, ".tmp");
    await mkdir(temporary, { recursive: true });
    const result = await runWithProgress(poetry, [...args, "--no-interaction", "--no-ansi"], {
      cwd: staging.path,
      env: { ...env, TMPDIR: temporary, POETRY_VIRTUALENVS_PATH: environments, POETRY_VIRTUALENVS_IN_PROJECT: "false", POETRY_VIRTUALENVS_CREATE: "true" },
      progress: poetryProgressEvent, onProgress: operation.onProgress, watchStdout: true,
      ...(operation.signal ? { signal: operation.signal } : {}),
    });
    if (result.exitCode !== 0) throw poetryFailure(action, this.input.indexUrl, result.spawnError ?? result.output);
    return result.stdout;
  }

  #report(phase: "resolving" | "locking", message: string): void {
    this.input.operation.onProgress?.({ manager: "poetry", phase, message });
  }
}
