import { mkdir, readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import {
  EnvironmentError, specFingerprint,
  type Environment, type EnvironmentManager, type EnvironmentOperationOptions, type EnvironmentSpec,
  type InstalledPackage, type ManagerDetection, type Requirement,
} from "@snakepit/core";
import { CondaBuild } from "./conda-build.js";
import { condaFailure } from "./conda-failure.js";
import type { CondaEnvironmentManagerOptions } from "./conda-options.js";
import { environmentLayout, prefixPython, type EnvironmentLayout } from "./environment-layout.js";
import { environmentFingerprint, hashFile, readEnvironmentState } from "./environment-state.js";
import { withExclusiveLock } from "./exclusive-lock.js";
import { findConda, type FoundConda } from "./find-conda.js";
import { runCommand } from "./run-command.js";

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
    const layout = environmentLayout(spec);
    const wanted = this.#specFingerprint(spec);
    const ready = await this.#readyEnvironment(spec, layout, wanted);
    if (ready) return ready;
    return this.#exclusively(layout, options, async () => (await this.#readyEnvironment(spec, layout, wanted)) ?? (await this.#build(spec, layout, wanted, options)).run());
  }

  async add(spec: EnvironmentSpec, packages: readonly Requirement[], options: EnvironmentOperationOptions = {}): Promise<Environment> {
    return this.ensure({ ...spec, packages: [...spec.packages, ...packages] }, options);
  }

  async lock(spec: EnvironmentSpec, options: EnvironmentOperationOptions = {}): Promise<string> {
    const layout = environmentLayout(spec);
    return this.#exclusively(layout, options, async () => (await this.#build(spec, layout, this.#specFingerprint(spec), options)).lockOnly());
  }

  async listInstalled(environment: Environment, options: EnvironmentOperationOptions = {}): Promise<InstalledPackage[]> {
    const conda = await this.#findConda();
    const result = await runCommand(conda.executable, ["list", "-p", environment.root, "--json"], { env: this.#env(), ...(options.signal ? { signal: options.signal } : {}) });
    if (result.exitCode !== 0) throw condaFailure(`listing environment ${environment.name}`, this.#channels(), result.stdout, result.stderr);
    return (JSON.parse(result.stdout) as Array<{ name: string; version: string }>).map((item) => ({ name: item.name, version: item.version }));
  }

  async remove(spec: EnvironmentSpec, options: EnvironmentOperationOptions = {}): Promise<void> {
    const layout = environmentLayout(spec);
    await this.#exclusively(layout, options, () => rm(layout.environmentDir, { recursive: true, force: true }));
  }

  async #readyEnvironment(spec: EnvironmentSpec, layout: EnvironmentLayout, wanted: string): Promise<Environment | undefined> {
    const state = await readEnvironmentState(layout.stateFile);
    if (!state || state.specFingerprint !== wanted || state.lockHash !== (await hashFile(layout.lockFile))) return undefined;
    const root = join(layout.environmentDir, state.venv);
    if (!(await stat(join(root, "conda-meta")).then(() => true, () => false))) return undefined;
    return {
      name: spec.name, manager: this.name, root, pythonPath: prefixPython(root), pythonVersion: state.pythonVersion,
      fingerprint: environmentFingerprint(state), lockfile: layout.lockFile,
    };
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

  async #exclusively<T>(layout: EnvironmentLayout, options: EnvironmentOperationOptions, work: () => Promise<T>): Promise<T> {
    await mkdir(layout.environmentsDir, { recursive: true });
    await removeAbandonedStaging(layout);
    return withExclusiveLock(layout.mutexFile, work, {
      ...(options.signal ? { signal: options.signal } : {}),
      ...(this.options.lockTimeoutMs ? { timeoutMs: this.options.lockTimeoutMs } : {}),
      onWait: (owner) => options.onProgress?.({ manager: this.name, phase: "info", message: `waiting for ${owner}, which is changing this environment` }),
    });
  }

  /** No prompts and no colour; the outer environment's activation does not leak into the new prefix. */
  #env(): Record<string, string | undefined> {
    const env: Record<string, string | undefined> = { ...process.env, ...this.options.env, CONDA_ALWAYS_YES: "true", NO_COLOR: "1" };
    delete env["VIRTUAL_ENV"];
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
