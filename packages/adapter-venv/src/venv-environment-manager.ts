import { readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  ensureEnvironment, environmentLayout, findInterpreter, localProjectsFingerprint, removeEnvironment, runCommand, withEnvironmentLock, withPackages,
  type EnvironmentFiles, type EnvironmentLayout,
} from "@snakepit/adapter-kit";
import {
  EnvironmentError,
  type Environment, type EnvironmentManager, type EnvironmentOperationOptions, type EnvironmentSpec,
  type InstalledPackage, type ManagerDetection, type Requirement,
} from "@snakepit/core";
import { installedDistributions } from "./installed-distributions.js";
import { choosePipRunner } from "./pip-runner.js";
import { VenvBuild } from "./venv-build.js";
import type { VenvEnvironmentManagerOptions } from "./venv-options.js";

/** pip's files in the environment folder: what the spec asks for, and every distribution pinned. */
const files: EnvironmentFiles = { specFile: "requirements.in", lockFile: "requirements.lock" };

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
    const layout = environmentLayout(spec, files);
    const wanted = await localProjectsFingerprint(spec);
    return ensureEnvironment({
      spec, layout, specFingerprint: wanted, ...this.#lockOptions(options),
      build: async () => (await this.#build(spec, layout, wanted, options)).run(),
    });
  }

  async add(spec: EnvironmentSpec, packages: readonly Requirement[], options: EnvironmentOperationOptions = {}): Promise<Environment> {
    return this.ensure(withPackages(spec, packages), options);
  }

  async lock(spec: EnvironmentSpec, options: EnvironmentOperationOptions = {}): Promise<string> {
    const layout = environmentLayout(spec, files);
    const wanted = await localProjectsFingerprint(spec);
    return withEnvironmentLock(layout, this.#lockOptions(options), async () => (await this.#build(spec, layout, wanted, options)).lockOnly());
  }

  async listInstalled(environment: Environment): Promise<InstalledPackage[]> {
    if (!(await readFile(join(environment.root, "pyvenv.cfg")).then(() => true, () => false))) {
      throw new EnvironmentError(`Environment ${environment.name} does not exist at ${environment.root}.`, "Run ensure() to (re)create it.");
    }
    return installedDistributions(environment.root);
  }

  async remove(spec: EnvironmentSpec, options: EnvironmentOperationOptions = {}): Promise<void> {
    await removeEnvironment(environmentLayout(spec, files), this.#lockOptions(options));
  }

  async #build(spec: EnvironmentSpec, layout: EnvironmentLayout, wanted: string, options: EnvironmentOperationOptions): Promise<VenvBuild> {
    const env = this.#env();
    options.onProgress?.({ manager: this.name, phase: "detecting", message: `looking for Python ${spec.python ?? this.options.python ?? "python3"}` });
    const interpreter = await findInterpreter(spec.python, { env, tool: "plain venv", ...(this.options.python ? { fallback: this.options.python } : {}) });
    const index = this.options.indexUrl ?? env["PIP_INDEX_URL"] ?? "pip's configured index (see `pip config list`; PyPI by default)";
    const pip = await choosePipRunner(interpreter.path, env);
    options.onProgress?.({ manager: this.name, phase: "info", message: `Python ${interpreter.version} at ${interpreter.path}; ${pip.description}; index ${index}` });
    return new VenvBuild({ spec, layout, specFingerprint: wanted, interpreter, pip, index, env, operation: options });
  }

  #lockOptions(options: EnvironmentOperationOptions) {
    return { ...options, manager: this.name, timeoutMs: this.options.lockTimeoutMs };
  }

  /** pip without prompts or version nags, the explicit index if any, and no outer venv leaking in. */
  #env(): Record<string, string | undefined> {
    const env: Record<string, string | undefined> = { ...process.env, ...this.options.env, PIP_DISABLE_PIP_VERSION_CHECK: "1", PIP_NO_INPUT: "1" };
    delete env["VIRTUAL_ENV"];
    if (this.options.indexUrl) env["PIP_INDEX_URL"] = this.options.indexUrl;
    return env;
  }
}
