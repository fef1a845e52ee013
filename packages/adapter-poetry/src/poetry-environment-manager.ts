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
import { bootstrapPoetry, findPoetry, poetryInstallAdvice, type FoundPoetry } from "./find-poetry.js";
import { PoetryBuild } from "./poetry-build.js";
import type { PoetryEnvironmentManagerOptions } from "./poetry-options.js";

/** Poetry's files in the environment folder: the generated project and its lock. */
const files: EnvironmentFiles = { specFile: "pyproject.toml", lockFile: "poetry.lock" };

/**
 * EnvironmentManager on Poetry: a generated Poetry project per spec under
 * `<projectDir>/.snakepit/envs/<name>/` (`package-mode = false`), locked with
 * `poetry lock` (which keeps existing pins), installed with `poetry install`,
 * located with `poetry env info --path`. Same guarantees as the uv adapter:
 * fingerprint no-op without starting Poetry, a file lock, and a new venv
 * beside the working one until everything succeeded.
 *
 * @example
 * const environment = await new PoetryEnvironmentManager().ensure({ name: "default", projectDir: process.cwd(), packages: ["six"] });
 */
export class PoetryEnvironmentManager implements EnvironmentManager {
  readonly name = "poetry";
  readonly capabilities = { lockfile: true, pythonVersions: true, editableInstalls: true };
  #poetry: Promise<FoundPoetry> | undefined;

  constructor(private readonly options: PoetryEnvironmentManagerOptions = {}) {}

  async detect(options: EnvironmentOperationOptions = {}): Promise<ManagerDetection> {
    try {
      const poetry = await this.#findOrBootstrap(undefined, options);
      return { available: true, executable: poetry.executable, version: poetry.version, source: poetry.source };
    } catch (error) {
      return { available: false, reason: error instanceof Error ? error.message : String(error) };
    }
  }

  async ensure(spec: EnvironmentSpec, options: EnvironmentOperationOptions = {}): Promise<Environment> {
    const layout = environmentLayout(spec, files);
    const wanted = await this.#specFingerprint(spec);
    return ensureEnvironment({
      spec, layout, specFingerprint: wanted, ...this.#lockOptions(options),
      build: async () => (await this.#build(spec, layout, wanted, options)).run(),
    });
  }

  /** Same as ensure() with more packages: the generated project is the source of truth, and `poetry lock` keeps the other pins. */
  async add(spec: EnvironmentSpec, packages: readonly Requirement[], options: EnvironmentOperationOptions = {}): Promise<Environment> {
    return this.ensure(withPackages(spec, packages), options);
  }

  async lock(spec: EnvironmentSpec, options: EnvironmentOperationOptions = {}): Promise<string> {
    const layout = environmentLayout(spec, files);
    const wanted = await this.#specFingerprint(spec);
    return withEnvironmentLock(layout, this.#lockOptions(options), async () => (await this.#build(spec, layout, wanted, options)).lockOnly());
  }

  async listInstalled(environment: Environment, options: EnvironmentOperationOptions = {}): Promise<InstalledPackage[]> {
    const result = await runCommand(environment.pythonPath, ["-m", "pip", "list", "--format", "json", "--disable-pip-version-check"], {
      env: this.#env(), ...(options.signal ? { signal: options.signal } : {}),
    });
    if (result.exitCode !== 0) {
      throw new EnvironmentError(`Could not list the packages of environment ${environment.name} at ${environment.root}.`, `Run ensure() to (re)create it.\n\n${(result.spawnError ?? result.stderr).trim()}`);
    }
    const listed = JSON.parse(result.stdout) as Array<{ name: string; version: string; editable_project_location?: string }>;
    return listed.map((entry) => ({ name: entry.name, version: entry.version, ...(entry.editable_project_location ? { editablePath: entry.editable_project_location } : {}) }));
  }

  async remove(spec: EnvironmentSpec, options: EnvironmentOperationOptions = {}): Promise<void> {
    await removeEnvironment(environmentLayout(spec, files), this.#lockOptions(options));
  }

  /** The index is part of the fingerprint: it is written into the generated project. */
  #specFingerprint(spec: EnvironmentSpec): Promise<string> {
    return localProjectsFingerprint(spec, this.#indexUrl());
  }

  async #build(spec: EnvironmentSpec, layout: EnvironmentLayout, wanted: string, options: EnvironmentOperationOptions): Promise<PoetryBuild> {
    const poetry = await this.#findOrBootstrap(spec.projectDir, options);
    const env = this.#env();
    const interpreter = await findInterpreter(spec.python, { env, tool: "Poetry", ...(this.options.python ? { fallback: this.options.python } : {}) });
    const indexUrl = this.#indexUrl();
    options.onProgress?.({ manager: this.name, phase: "info", message: `Poetry ${poetry.version} (${poetry.source}); Python ${interpreter.version} at ${interpreter.path}; index ${indexUrl}` });
    return new PoetryBuild({ spec, layout, specFingerprint: wanted, poetry: poetry.executable, interpreter, indexUrl, env, operation: options });
  }

  #indexUrl(): string {
    return this.options.indexUrl ?? this.options.env?.["PIP_INDEX_URL"] ?? process.env["PIP_INDEX_URL"] ?? "https://pypi.org/simple/";
  }

  #lockOptions(options: EnvironmentOperationOptions) {
    return { ...options, manager: this.name, timeoutMs: this.options.lockTimeoutMs };
  }

  #findOrBootstrap(projectDir: string | undefined, options: EnvironmentOperationOptions): Promise<FoundPoetry> {
    this.#poetry ??= this.#locatePoetry(projectDir, options);
    this.#poetry.catch(() => (this.#poetry = undefined));
    return this.#poetry;
  }

  async #locatePoetry(projectDir: string | undefined, options: EnvironmentOperationOptions): Promise<FoundPoetry> {
    const env = this.#env();
    const toolsDir = this.options.toolsDir ?? join(projectDir ?? process.cwd(), ".snakepit", "tools");
    options.onProgress?.({ manager: this.name, phase: "detecting", message: "looking for Poetry" });
    const found = await findPoetry({ ...(this.options.poetryPath ? { explicit: this.options.poetryPath } : {}), toolsDir, env });
    if (found && "problem" in found) throw new EnvironmentError(found.problem, poetryInstallAdvice);
    if (found) return found;
    if (this.options.bootstrap === false) throw new EnvironmentError("Poetry was not found (SNAKEPIT_POETRY, PATH, ~/.local/bin, the tools folder) and bootstrapping is switched off.", poetryInstallAdvice);
    return bootstrapPoetry({ toolsDir, python: this.options.python ?? "python3", env, ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
  }

  /** No prompts, no keyring (it hangs without a desktop session), no outer venv leaking in. */
  #env(): Record<string, string | undefined> {
    const env: Record<string, string | undefined> = {
      ...process.env, PYTHON_KEYRING_BACKEND: "keyring.backends.null.Keyring", ...this.options.env,
      POETRY_NO_INTERACTION: "1", NO_COLOR: "1", PIP_DISABLE_PIP_VERSION_CHECK: "1",
    };
    delete env["VIRTUAL_ENV"];
    return env;
  }
}
