import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import {
  EnvironmentError, specFingerprint,
  type Environment, type EnvironmentManager, type EnvironmentOperationOptions, type EnvironmentSpec,
  type InstalledPackage, type ManagerDetection, type Requirement,
} from "@snakepit/core";
import { environmentLayout, venvPython, type EnvironmentLayout } from "./environment-layout.js";
import { environmentFingerprint, hashFile, readEnvironmentState } from "./environment-state.js";
import { withExclusiveLock } from "./exclusive-lock.js";
import { findInterpreter } from "./find-interpreter.js";
import { installedDistributions } from "./installed-distributions.js";
import { choosePipRunner } from "./pip-runner.js";
import { runCommand } from "./run-command.js";
import { VenvBuild } from "./venv-build.js";
import type { VenvEnvironmentManagerOptions } from "./venv-options.js";

/**
 * EnvironmentManager on `python -m venv` and pip, for machines with no
 * environment manager: same layout and guarantees as the uv adapter
 * (`.snakepit/envs/<name>/`, a pinned requirements.lock from pip's resolver,
 * fingerprint no-op, file lock, new venv beside the old one), only slower.
 *
 * @example
 * const environment = await new VenvEnvironmentManager().ensure({ name: "default", projectDir: process.cwd(), packages: ["six"] });
 */
export class VenvEnvironmentManager implements EnvironmentManager {
  readonly name = "venv";
  readonly capabilities = { lockfile: true, pythonVersions: true, editableInstalls: true };

  constructor(private readonly options: VenvEnvironmentManagerOptions = {}) {}

  async detect(): Promise<ManagerDetection> {
    const python = this.options.python ?? "python3";
    const result = await runCommand(python, ["-c", "import venv, sys; print('%d.%d.%d' % sys.version_info[:3])"], { env: this.#env() });
    if (result.exitCode !== 0) {
      return { available: false, reason: `${python} cannot create venvs (${(result.spawnError ?? result.stderr).trim().split("\n").pop()}). Install Python with its venv module (e.g. apt install python3-venv).` };
    }
    return { available: true, executable: python, version: result.stdout.trim(), source: "python -m venv" };
  }

  async ensure(spec: EnvironmentSpec, options: EnvironmentOperationOptions = {}): Promise<Environment> {
    const layout = environmentLayout(spec);
    const wanted = await this.#specFingerprint(spec);
    const ready = await this.#readyEnvironment(spec, layout, wanted);
    if (ready) return ready;
    return this.#exclusively(layout, options, async () => (await this.#readyEnvironment(spec, layout, wanted)) ?? (await this.#build(spec, layout, wanted, options)).run());
  }

  async add(spec: EnvironmentSpec, packages: readonly Requirement[], options: EnvironmentOperationOptions = {}): Promise<Environment> {
    return this.ensure({ ...spec, packages: [...spec.packages, ...packages] }, options);
  }

  async lock(spec: EnvironmentSpec, options: EnvironmentOperationOptions = {}): Promise<string> {
    const layout = environmentLayout(spec);
    const wanted = await this.#specFingerprint(spec);
    return this.#exclusively(layout, options, async () => (await this.#build(spec, layout, wanted, options)).lockOnly());
  }

  async listInstalled(environment: Environment): Promise<InstalledPackage[]> {
    if (!(await readFile(join(environment.root, "pyvenv.cfg")).then(() => true, () => false))) {
      throw new EnvironmentError(`Environment ${environment.name} does not exist at ${environment.root}.`, "Run ensure() to (re)create it.");
    }
    return installedDistributions(environment.root);
  }

  async remove(spec: EnvironmentSpec, options: EnvironmentOperationOptions = {}): Promise<void> {
    const layout = environmentLayout(spec);
    await this.#exclusively(layout, options, () => rm(layout.environmentDir, { recursive: true, force: true }));
  }

  async #readyEnvironment(spec: EnvironmentSpec, layout: EnvironmentLayout, wanted: string): Promise<Environment | undefined> {
    const state = await readEnvironmentState(layout.stateFile);
    if (!state || state.specFingerprint !== wanted || state.lockHash !== (await hashFile(layout.lockFile))) return undefined;
    const root = join(layout.environmentDir, state.venv);
    if (!(await readFile(join(root, "pyvenv.cfg")).then(() => true, () => false))) return undefined;
    return {
      name: spec.name, manager: this.name, root, pythonPath: venvPython(root), pythonVersion: state.pythonVersion,
      fingerprint: environmentFingerprint(state), lockfile: layout.lockFile,
    };
  }

  async #specFingerprint(spec: EnvironmentSpec): Promise<string> {
    const folders = [...(spec.localPackages ?? []).map((item) => item.path), ...(spec.bridge && "path" in spec.bridge ? [spec.bridge.path] : [])];
    const hashes = await Promise.all(folders.map((folder) => hashFile(join(spec.projectDir, folder, "pyproject.toml"))));
    return specFingerprint(spec, ...hashes);
  }

  async #build(spec: EnvironmentSpec, layout: EnvironmentLayout, wanted: string, options: EnvironmentOperationOptions): Promise<VenvBuild> {
    const env = this.#env();
    options.onProgress?.({ manager: this.name, phase: "detecting", message: `looking for Python ${spec.python ?? this.options.python ?? "python3"}` });
    const interpreter = await findInterpreter(spec.python, { env, ...(this.options.python ? { fallback: this.options.python } : {}) });
    const index = this.options.indexUrl ?? env["PIP_INDEX_URL"] ?? "pip's configured index (see `pip config list`; PyPI by default)";
    const pip = await choosePipRunner(interpreter.path, env);
    options.onProgress?.({ manager: this.name, phase: "info", message: `Python ${interpreter.version} at ${interpreter.path}; ${pip.description}; index ${index}` });
    return new VenvBuild({ spec, layout, specFingerprint: wanted, interpreter, pip, index, env, operation: options });
  }

  async #exclusively<T>(layout: EnvironmentLayout, options: EnvironmentOperationOptions, work: () => Promise<T>): Promise<T> {
    await mkdir(layout.environmentsDir, { recursive: true });
    await removeAbandonedStaging(layout);
    return withExclusiveLock(layout.mutexFile, work, {
      ...(options.signal ? { signal: options.signal } : {}),
      ...(this.options.lockTimeoutMs ? { timeoutMs: this.options.lockTimeoutMs } : {}),
      onWait: (owner) => options.onProgress?.({ manager: this.name, phase: "info", message: `waiting for ${owner}, which is changing this environment` }),
    });
  }

  /** pip without prompts or version nags, the explicit index if any, and no outer venv leaking in. */
  #env(): Record<string, string | undefined> {
    const env: Record<string, string | undefined> = { ...process.env, ...this.options.env, PIP_DISABLE_PIP_VERSION_CHECK: "1", PIP_NO_INPUT: "1" };
    delete env["VIRTUAL_ENV"];
    if (this.options.indexUrl) env["PIP_INDEX_URL"] = this.options.indexUrl;
    return env;
  }
}

async function removeAbandonedStaging(layout: EnvironmentLayout): Promise<void> {
  const entries = await readdir(layout.environmentsDir).catch(() => [] as string[]);
  const name = layout.environmentDir.slice(layout.environmentsDir.length + 1);
  await Promise.all(entries.filter((entry) => entry.startsWith(`.staging-${name}-`) && isAbandoned(entry))
    .map((entry) => rm(join(layout.environmentsDir, entry), { recursive: true, force: true })));
}

function isAbandoned(entry: string): boolean {
  const pid = Number(/-pid(\d+)-/.exec(entry)?.[1]);
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}
