import { randomUUID } from "node:crypto";
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Environment, EnvironmentOperationOptions, EnvironmentSpec } from "@snakepit/core";
import { venvPython, type EnvironmentLayout } from "./environment-layout.js";
import { environmentFingerprint, hashFile, writeEnvironmentState } from "./environment-state.js";
import type { Interpreter } from "./find-interpreter.js";
import type { PipRunner } from "./pip-runner.js";
import { pipFailure } from "./pip-failure.js";
import { pipProgressEvent } from "./pip-progress.js";
import { requirementsIn, requirementsLock, type ResolvedDistribution } from "./requirements-files.js";
import { runCommand } from "./run-command.js";

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
 * goes into a fresh `venv-<id>` folder and the new requirement files into a
 * staging folder; they replace the current ones only when pip succeeded.
 */
export class VenvBuild {
  constructor(private readonly input: VenvBuildInput) {}

  /** Resolves into requirements.lock with a throwaway venv; returns the lock's path. */
  async lockOnly(): Promise<string> {
    return this.#staged(async (staging) => {
      const python = await this.#createVenv(join(staging, "venv"));
      await this.#resolve(python, staging);
      await this.#adoptFiles(staging);
      return this.input.layout.lockFile;
    });
  }

  /** Creates a new venv, installs the lock (resolving first when the spec changed), then switches to it. */
  async run(): Promise<Environment> {
    const { layout, spec } = this.input;
    return this.#staged(async (staging) => {
      const venv = `venv-${randomUUID().slice(0, 8)}`;
      const root = join(layout.environmentDir, venv);
      const createdEnvironmentDir = !(await exists(layout.environmentDir));
      try {
        await mkdir(layout.environmentDir, { recursive: true });
        const python = await this.#createVenv(root);
        const current = await readFile(layout.requirementsFile, "utf8").catch(() => undefined);
        if (current === (await readFile(join(staging, "requirements.in"), "utf8")) && (await exists(layout.lockFile))) {
          this.#report("locking", `requirements.lock matches the spec of ${spec.name}; installing exactly what it pins`);
          await copyFile(layout.lockFile, join(staging, "requirements.lock"));
        } else {
          await this.#resolve(python, staging);
        }
        this.#report("installing", `installing ${spec.name} from requirements.lock into ${root}`);
        await this.#pip(python, ["install", "--no-input", "-r", join(staging, "requirements.lock")], `installing environment ${spec.name}`);
        await this.#adoptFiles(staging);
        const pythonVersion = (await venvVersion(root)) ?? this.input.interpreter.version;
        const state = { specFingerprint: this.input.specFingerprint, lockHash: await hashFile(layout.lockFile), venv, pythonVersion };
        await writeEnvironmentState(layout.stateFile, state);
        await removeOtherVenvs(layout.environmentDir, venv);
        this.#report("done", `environment ${spec.name} ready (Python ${pythonVersion})`);
        return {
          name: spec.name, manager: "venv", root, pythonPath: python, pythonVersion,
          fingerprint: environmentFingerprint(state), lockfile: layout.lockFile,
        };
      } catch (error) {
        await rm(createdEnvironmentDir ? layout.environmentDir : root, { recursive: true, force: true });
        throw error;
      }
    });
  }

  async #staged<T>(work: (staging: string) => Promise<T>): Promise<T> {
    const { layout, spec } = this.input;
    const staging = join(layout.environmentsDir, `.staging-${spec.name}-pid${process.pid}-${randomUUID().slice(0, 8)}`);
    await mkdir(staging, { recursive: true });
    try {
      await writeFile(join(staging, "requirements.in"), requirementsIn(spec));
      return await work(staging);
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }

  async #createVenv(root: string): Promise<string> {
    const { interpreter, env, operation } = this.input;
    this.#report("creating", `${interpreter.path} -m venv ${root} (Python ${interpreter.version})`);
    const result = await runCommand(interpreter.path, ["-m", "venv", ...this.input.pip.venvArgs, root], { env, ...(operation.signal ? { signal: operation.signal } : {}) });
    if (result.exitCode !== 0) throw pipFailure(`creating a venv with ${interpreter.path} (is the venv module installed, e.g. apt install python3-venv?)`, this.input.index, result.spawnError ?? result.stderr);
    return venvPython(root);
  }

  /** `pip install --dry-run --report`: pip's resolver without installing, pinned into requirements.lock. */
  async #resolve(python: string, staging: string): Promise<void> {
    const report = join(staging, "report.json");
    this.#report("resolving", `resolving the requirements of ${this.input.spec.name} with pip`);
    await this.#pip(python, ["install", "--no-input", "--dry-run", "--ignore-installed", "--report", report, "-r", join(staging, "requirements.in")], `locking environment ${this.input.spec.name}`);
    const resolved = (JSON.parse(await readFile(report, "utf8")) as { install: ResolvedDistribution[] }).install;
    await writeFile(join(staging, "requirements.lock"), requirementsLock(resolved));
  }

  async #pip(python: string, args: string[], action: string): Promise<void> {
    const { env, operation } = this.input;
    const output: string[] = [];
    const onLine = (line: string) => {
      output.push(line);
      const event = pipProgressEvent(line);
      if (event) operation.onProgress?.(event);
    };
    const pip = this.input.pip.command(python);
    const result = await runCommand(pip.file, [...pip.args, ...args], {
      env, ...(operation.signal ? { signal: operation.signal } : {}), onStderrLine: onLine, onStdoutLine: onLine,
    });
    if (result.exitCode !== 0) throw pipFailure(action, this.input.index, result.spawnError ?? output.join("\n"));
  }

  async #adoptFiles(staging: string): Promise<void> {
    const { layout } = this.input;
    await mkdir(layout.environmentDir, { recursive: true });
    await rename(join(staging, "requirements.in"), layout.requirementsFile);
    await rename(join(staging, "requirements.lock"), layout.lockFile);
  }

  #report(phase: "creating" | "resolving" | "locking" | "installing" | "done", message: string): void {
    this.input.operation.onProgress?.({ manager: "venv", phase, message });
  }
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
