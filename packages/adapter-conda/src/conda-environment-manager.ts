import {
  ensureEnvironment, environmentLayout, removeEnvironment, runCommand, withEnvironmentLock, withPackages, type EnvironmentLayout,
} from "@snakepit/adapter-kit";
import {
  EnvironmentError, specFingerprint,
  type Environment, type EnvironmentManager, type EnvironmentOperationOptions, type EnvironmentSpec,
  type InstalledPackage, type ManagerDetection, type Requirement,
} from "@snakepit/core";
import { CondaBuild } from "./conda-build.js";
import { condaFailure } from "./conda-failure.js";
import type { CondaEnvironmentManagerOptions } from "./conda-options.js";
import { condaFiles } from "./conda-prefix.js";
import { findConda, type FoundConda } from "./find-conda.js";

const installAdvice = "Install Miniforge (https://conda-forge.org/download/) or micromamba and make it findable on PATH, "
  + "or set SNAKEPIT_CONDA=/path/to/conda; or use the uv manager, which needs nothing installed.";

/**
 * EnvironmentManager on conda, mamba or micromamba: a prefix per spec under
 * `<projectDir>/.snakepit/envs/<name>/`, pinned in conda.lock.txt. Same
 * guarantees as the uv adapter: fingerprint no-op without starting conda, a
 * file lock, and a new prefix beside the working one until all succeeded.
 *
 * @example
 * const environment = await new CondaEnvironmentManager({ channels: ["conda-forge"] })
 *   .ensure({ name: "geo", projectDir: process.cwd(), python: "3.11", packages: ["gdal"] });
 */
export class CondaEnvironmentManager implements EnvironmentManager {
  readonly name = "conda";
  readonly capabilities = { lockfile: true, pythonVersions: true, editableInstalls: true };
  #conda: Promise<FoundConda> | undefined;

  constructor(private readonly options: CondaEnvironmentManagerOptions = {}) {}

  async detect(): Promise<ManagerDetection> {
    try {
      const conda = await this.#findConda();
      const info = await runCommand(conda.executable, ["info", "--json"], { env: this.#env() });
      if (info.exitCode !== 0) return { available: false, reason: `${conda.executable} info --json failed: ${info.stderr.trim()}` };
      return { available: true, executable: conda.executable, version: conda.version, source: `${conda.flavor} (${conda.source})` };
    } catch (error) {
      return { available: false, reason: error instanceof Error ? error.message : String(error) };
    }
  }

  async ensure(spec: EnvironmentSpec, options: EnvironmentOperationOptions = {}): Promise<Environment> {
    const layout = environmentLayout(spec, condaFiles);
    const wanted = this.#specFingerprint(spec);
    return ensureEnvironment({
      spec, layout, specFingerprint: wanted, ...this.#lockOptions(options),
      build: async () => (await this.#build(spec, layout, wanted, options)).run(),
    });
  }

  async add(spec: EnvironmentSpec, packages: readonly Requirement[], options: EnvironmentOperationOptions = {}): Promise<Environment> {
    return this.ensure(withPackages(spec, packages), options);
  }

  async lock(spec: EnvironmentSpec, options: EnvironmentOperationOptions = {}): Promise<string> {
    const layout = environmentLayout(spec, condaFiles);
    return withEnvironmentLock(layout, this.#lockOptions(options), async () => (await this.#build(spec, layout, this.#specFingerprint(spec), options)).lockOnly());
  }

  async listInstalled(environment: Environment, options: EnvironmentOperationOptions = {}): Promise<InstalledPackage[]> {
    const conda = await this.#findConda();
    const result = await runCommand(conda.executable, ["list", "-p", environment.root, "--json"], { env: this.#env(), ...(options.signal ? { signal: options.signal } : {}) });
    if (result.exitCode !== 0) throw condaFailure(`listing environment ${environment.name}`, this.#channels(), result.stdout, result.stderr);
    return (JSON.parse(result.stdout) as Array<{ name: string; version: string }>).map((item) => ({ name: item.name, version: item.version }));
  }

  async remove(spec: EnvironmentSpec, options: EnvironmentOperationOptions = {}): Promise<void> {
    await removeEnvironment(environmentLayout(spec, condaFiles), this.#lockOptions(options));
  }

  /** Channels are part of the fingerprint: the same names from another channel are other packages. */
  #specFingerprint(spec: EnvironmentSpec): string {
    return specFingerprint(spec, ...this.#channels());
  }

  async #build(spec: EnvironmentSpec, layout: EnvironmentLayout, wanted: string, options: EnvironmentOperationOptions): Promise<CondaBuild> {
    options.onProgress?.({ manager: this.name, phase: "detecting", message: "looking for conda, mamba or micromamba" });
    const conda = await this.#findConda();
    options.onProgress?.({ manager: this.name, phase: "info", message: `${conda.flavor} ${conda.version} (${conda.source}); channels ${this.#channels().join(", ")}` });
    return new CondaBuild({ spec, layout, specFingerprint: wanted, conda, channels: this.#channels(), env: this.#env(), operation: options });
  }

  #channels(): readonly string[] {
    return this.options.channels ?? ["conda-forge"];
  }

  #findConda(): Promise<FoundConda> {
    this.#conda ??= findConda({ ...(this.options.executable ? { explicit: this.options.executable } : {}), env: this.#env() }).then((found) => {
      if (!found) throw new EnvironmentError("No conda, mamba or micromamba was found (adapter option, SNAKEPIT_CONDA, CONDA_EXE, PATH).", installAdvice);
      return found;
    });
    this.#conda.catch(() => (this.#conda = undefined));
    return this.#conda;
  }

  #lockOptions(options: EnvironmentOperationOptions) {
    return { ...options, manager: this.name, timeoutMs: this.options.lockTimeoutMs };
  }

  /** No prompts and no colour; the outer environment's activation does not leak into the new prefix. */
  #env(): Record<string, string | undefined> {
    const env: Record<string, string | undefined> = { ...process.env, ...this.options.env, CONDA_ALWAYS_YES: "true", NO_COLOR: "1" };
    delete env["VIRTUAL_ENV"];
    return env;
  }
}
