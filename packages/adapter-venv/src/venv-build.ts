import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  adoptStagedFiles, commitBuild, inNewBuildFolder, reuseCurrentLock, runCommand, runWithProgress, venvPython, venvVersion, withStagingFolder,
  type EnvironmentLayout, type Interpreter, type StagingFolder,
} from "@snakepit/adapter-kit";
import type { Environment, EnvironmentOperationOptions, EnvironmentSpec } from "@snakepit/core";
import type { PipRunner } from "./pip-runner.js";
import { pipFailure } from "./pip-failure.js";
import { pipProgressEvent } from "./pip-progress.js";
import { requirementsIn, requirementsLock, type ResolvedDistribution } from "./requirements-files.js";

export interface VenvBuildInput {
  readonly spec: EnvironmentSpec;
  readonly layout: EnvironmentLayout;
  readonly specFingerprint: string;
  readonly interpreter: Interpreter;
  readonly pip: PipRunner;
  /** Says which index pip uses, for messages. */
  readonly index: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly operation: EnvironmentOperationOptions;
}

/**
 * One change to a venv environment, run while holding its lock. The new venv
 * goes into a new build folder and the new requirement files into a staging
 * folder; commitBuild makes them current only when pip succeeded.
 */
export class VenvBuild {
  constructor(private readonly input: VenvBuildInput) {}

  /** Resolves into requirements.lock with a throwaway venv; returns the lock's path. */
  async lockOnly(): Promise<string> {
    return this.#staged(async (staging) => {
      const python = await this.#createVenv(join(staging.path, "venv"));
      await this.#resolve(python, staging);
      await adoptStagedFiles(this.input.layout, staging);
      return this.input.layout.lockFile;
    });
  }

  /** Creates a new venv, installs the lock (resolving first when the spec changed), then switches to it. */
  async run(): Promise<Environment> {
    const { layout, spec } = this.input;
    return this.#staged((staging) => inNewBuildFolder(layout, async (folder) => {
      const python = await this.#createVenv(folder.path);
      if (await reuseCurrentLock(layout, staging)) {
        this.#report("locking", `requirements.lock matches the spec of ${spec.name}; installing exactly what it pins`);
      } else {
        await this.#resolve(python, staging);
      }
      this.#report("installing", `installing ${spec.name} from requirements.lock into ${folder.path}`);
      await this.#pip(python, ["install", "--no-input", "-r", staging.lockFile], `installing environment ${spec.name}`);
      const pythonVersion = (await venvVersion(folder.path)) ?? this.input.interpreter.version;
      return commitBuild({ ...this.input, manager: "venv", staging, folder, pythonVersion });
    }));
  }

  async #staged<T>(work: (staging: StagingFolder) => Promise<T>): Promise<T> {
    return withStagingFolder(this.input.layout, requirementsIn(this.input.spec), work);
  }

  async #createVenv(root: string): Promise<string> {
    const { interpreter, env, operation } = this.input;
    this.#report("creating", `${interpreter.path} -m venv ${root} (Python ${interpreter.version})`);
    const result = await runCommand(interpreter.path, ["-m", "venv", ...this.input.pip.venvArgs, root], { env, ...(operation.signal ? { signal: operation.signal } : {}) });
    if (result.exitCode !== 0) throw pipFailure(`creating a venv with ${interpreter.path} (is the venv module installed, e.g. apt install python3-venv?)`, this.input.index, result.spawnError ?? result.stderr);
    return venvPython(root);
  }

  /** `pip install --dry-run --report`: pip's resolver without installing, pinned into requirements.lock. */
  async #resolve(python: string, staging: StagingFolder): Promise<void> {
    const report = join(staging.path, "report.json");
    this.#report("resolving", `resolving the requirements of ${this.input.spec.name} with pip`);
    await this.#pip(python, ["install", "--no-input", "--dry-run", "--ignore-installed", "--report", report, "-r", staging.specFile], `locking environment ${this.input.spec.name}`);
    const resolved = (JSON.parse(await readFile(report, "utf8")) as { install: ResolvedDistribution[] }).install;
    await writeFile(staging.lockFile, requirementsLock(resolved));
  }

  async #pip(python: string, args: string[], action: string): Promise<void> {
    const { env, operation } = this.input;
    const pip = this.input.pip.command(python);
    const result = await runWithProgress(pip.file, [...pip.args, ...args], {
      env, progress: pipProgressEvent, onProgress: operation.onProgress, watchStdout: true,
      ...(operation.signal ? { signal: operation.signal } : {}),
    });
    if (result.exitCode !== 0) throw pipFailure(action, this.input.index, result.spawnError ?? result.output);
  }

  #report(phase: "creating" | "resolving" | "locking" | "installing", message: string): void {
    this.input.operation.onProgress?.({ manager: "venv", phase, message });
  }
}
