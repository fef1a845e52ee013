import { join } from "node:path";
import {
  ensureEnvironment, environmentLayout, localProjectsFingerprint, removeEnvironment, runCommand, withEnvironmentLock, withPackages,
  type EnvironmentFiles, type EnvironmentLayout,
} from "@snakepit/adapter-kit";
import {
  EnvironmentError,
  type Environment, type EnvironmentManager, type EnvironmentOperationOptions, type EnvironmentSpec,
  type InstalledPackage, type ManagerDetection, type Requirement,
} from "@snakepit/core";
import { bootstrapUv, uvInstallAdvice } from "./bootstrap-uv.js";
import { findUv, type FoundUv } from "./find-uv.js";
import { indexSettings, type IndexSettings } from "./index-settings.js";
import { resolveLocalSources } from "./local-sources.js";
import { UvBuild } from "./uv-build.js";
import type { UvEnvironmentManagerOptions } from "./uv-options.js";

/** uv's files in the environment folder: the generated project and its lock. */
const files: EnvironmentFiles = { specFile: "pyproject.toml", lockFile: "uv.lock" };

/**
 * EnvironmentManager on uv, the default: one locked, project-scoped
 * environment per spec under `<projectDir>/.snakepit/envs/<name>/`.
 *
 * ensure() is a no-op, without starting uv, when state.json says the current
 * venv was built from this spec and this uv.lock. Otherwise it locks (keeping
 * existing pins), syncs a new venv next to the current one, and switches to it
 * only when everything succeeded, so a failure leaves the working one intact.
 *
 * @example
 * const manager = new UvEnvironmentManager();
 * const environment = await manager.ensure({ name: "default", projectDir: process.cwd(), python: "3.11", packages: ["numpy>=1.24"] });
 * // environment.pythonPath → ".../.snakepit/envs/default/venv-1a2b3c4d/bin/python"
 */
export class UvEnvironmentManager implements EnvironmentManager {
  readonly name = "uv";
  readonly capabilities = { lockfile: true, pythonVersions: true, editableInstalls: true };
  #uv: Promise<FoundUv> | undefined;
  #index: Promise<IndexSettings> | undefined;

  constructor(private readonly options: UvEnvironmentManagerOptions = {}) {}

  async detect(options: EnvironmentOperationOptions = {}): Promise<ManagerDetection> {
    try {
      const uv = await this.#findOrBootstrap(undefined, options);
      return { available: true, executable: uv.executable, version: uv.version, source: uv.source };
    } catch (error) {
      return { available: false, reason: error instanceof Error ? error.message : String(error) };
    }
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

  async listInstalled(environment: Environment, options: EnvironmentOperationOptions = {}): Promise<InstalledPackage[]> {
    const uv = await this.#findOrBootstrap(undefined, options);
    const result = await runCommand(uv.executable, ["pip", "list", "--format", "json", "--python", environment.pythonPath], {
      env: this.#env(), ...(options.signal ? { signal: options.signal } : {}),
    });
    if (result.exitCode !== 0) {
      throw new EnvironmentError(`Could not list the packages of environment ${environment.name} at ${environment.root}.`, `Run ensure() to (re)create it.\n\n${result.stderr.trim()}`);
    }
    const listed = JSON.parse(result.stdout) as Array<{ name: string; version: string; editable_project_location?: string }>;
    return listed.map((entry) => ({
      name: entry.name,
      version: entry.version,
      ...(entry.editable_project_location ? { editablePath: entry.editable_project_location } : {}),
    }));
  }

  async remove(spec: EnvironmentSpec, options: EnvironmentOperationOptions = {}): Promise<void> {
    await removeEnvironment(environmentLayout(spec, files), this.#lockOptions(options));
  }

  async #build(spec: EnvironmentSpec, layout: EnvironmentLayout, wanted: string, options: EnvironmentOperationOptions): Promise<UvBuild> {
    const uv = await this.#findOrBootstrap(spec.projectDir, options);
    const index = await this.#indexSettings();
    options.onProgress?.({ manager: this.name, phase: "info", message: `uv ${uv.version} (${uv.source}); ${index.description}` });
    const localSources = await resolveLocalSources(spec, layout.environmentDir);
    return new UvBuild({ spec, layout, specFingerprint: wanted, uv: uv.executable, index, localSources, env: this.#env(), operation: options });
  }

  #lockOptions(options: EnvironmentOperationOptions) {
    return { ...options, manager: this.name, timeoutMs: this.options.lockTimeoutMs };
  }

  /** Finds uv once per manager; bootstraps it when allowed. */
  #findOrBootstrap(projectDir: string | undefined, options: EnvironmentOperationOptions): Promise<FoundUv> {
    this.#uv ??= this.#locateUv(projectDir, options);
    this.#uv.catch(() => (this.#uv = undefined));
    return this.#uv;
  }

  async #locateUv(projectDir: string | undefined, options: EnvironmentOperationOptions): Promise<FoundUv> {
    const env = this.#env();
    const toolsDir = this.options.toolsDir ?? join(projectDir ?? process.cwd(), ".snakepit", "tools");
    options.onProgress?.({ manager: this.name, phase: "detecting", message: "looking for uv" });
    const found = await findUv({ ...(this.options.uvPath ? { explicit: this.options.uvPath } : {}), toolsDir, env });
    if (found && "problem" in found) throw new EnvironmentError(found.problem, uvInstallAdvice);
    if (found) return found;
    if (this.options.bootstrap === false) throw new EnvironmentError("uv was not found (SNAKEPIT_UV, PATH, ~/.local/bin, ~/.cargo/bin, the tools folder) and bootstrapping is switched off.", uvInstallAdvice);
    return bootstrapUv({
      toolsDir, python: this.options.bootstrapPython ?? "python3", env,
      ...(options.signal ? { signal: options.signal } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  }

  #indexSettings(): Promise<IndexSettings> {
    this.#index ??= indexSettings({
      ...(this.options.indexUrl ? { explicitIndex: this.options.indexUrl } : {}),
      env: this.#env(), python: this.options.bootstrapPython ?? "python3",
    });
    return this.#index;
  }

  /** Environment of every uv command: never download Pythons, never colour, and no outer venv leaking in. */
  #env(): Record<string, string | undefined> {
    const env: Record<string, string | undefined> = { ...process.env, ...this.options.env, UV_PYTHON_DOWNLOADS: "never", NO_COLOR: "1" };
    delete env["VIRTUAL_ENV"];
    if (this.options.cacheDir) env["UV_CACHE_DIR"] = this.options.cacheDir;
    return env;
  }
}
