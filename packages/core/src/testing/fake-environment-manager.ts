import { join } from "node:path";
import { EnvironmentError } from "../errors/index.js";
import type { Environment, EnvironmentOperationOptions, EnvironmentSpec, InstalledPackage, Requirement } from "../model/environment.js";
import { specFingerprint } from "../model/fingerprint.js";
import type { EnvironmentManager, ManagerDetection } from "../ports/environment-manager.js";

/** One operation the fake was asked to do. */
export interface RecordedEnvironmentOperation {
  readonly operation: "detect" | "ensure" | "add" | "lock" | "listInstalled" | "remove";
  readonly name?: string;
  readonly packages?: readonly string[];
}

export interface FakeEnvironmentManagerOptions {
  /** Interpreter reported by every environment; default "python3". */
  readonly pythonPath?: string;
  readonly pythonVersion?: string;
  /** Packages the fake's "index" knows; any other name fails like a real resolver. Absent = any name. */
  readonly knownPackages?: readonly string[];
  /** Simulate an unreachable index: every resolve fails. */
  readonly offline?: boolean;
}

const requirementName = (requirement: string) => (/^[A-Za-z0-9][A-Za-z0-9._-]*/.exec(requirement)?.[0] ?? requirement).toLowerCase();

/**
 * An EnvironmentManager that builds nothing: it records what it was asked,
 * keeps environments in memory and reports progress like a real one. For
 * testing code that drives environment managers (the CLI, a custom runtime).
 */
export class FakeEnvironmentManager implements EnvironmentManager {
  readonly name = "fake";
  readonly capabilities = { lockfile: true, pythonVersions: true, editableInstalls: true };
  readonly operations: RecordedEnvironmentOperation[] = [];
  /** How many times ensure() really (re)built an environment. */
  builds = 0;
  readonly #environments = new Map<string, { environment: Environment; packages: Requirement[] }>();

  constructor(private readonly options: FakeEnvironmentManagerOptions = {}) {}

  async detect(): Promise<ManagerDetection> {
    this.operations.push({ operation: "detect" });
    return { available: true, executable: "fake", version: "0", source: "in memory" };
  }

  async ensure(spec: EnvironmentSpec, options: EnvironmentOperationOptions = {}): Promise<Environment> {
    this.operations.push({ operation: "ensure", name: spec.name, packages: spec.packages });
    const fingerprint = specFingerprint(spec);
    const existing = this.#environments.get(spec.name);
    if (existing?.environment.fingerprint === fingerprint) return existing.environment;
    this.#resolve(spec.packages, options);
    this.builds++;
    options.onProgress?.({ manager: this.name, phase: "installing", message: `installing ${spec.packages.length} packages` });
    const environment: Environment = {
      name: spec.name,
      manager: this.name,
      root: join(spec.projectDir, ".snakepit", "envs", spec.name),
      pythonPath: this.options.pythonPath ?? "python3",
      pythonVersion: this.options.pythonVersion ?? spec.python ?? "3.11",
      fingerprint,
      lockfile: join(spec.projectDir, ".snakepit", "envs", spec.name, "fake.lock"),
    };
    this.#environments.set(spec.name, { environment, packages: [...spec.packages] });
    options.onProgress?.({ manager: this.name, phase: "done", message: `environment ${spec.name} ready` });
    return environment;
  }

  async add(spec: EnvironmentSpec, packages: readonly Requirement[], options: EnvironmentOperationOptions = {}): Promise<Environment> {
    this.operations.push({ operation: "add", name: spec.name, packages });
    return this.ensure({ ...spec, packages: [...spec.packages, ...packages] }, options);
  }

  async lock(spec: EnvironmentSpec, options: EnvironmentOperationOptions = {}): Promise<string> {
    this.operations.push({ operation: "lock", name: spec.name, packages: spec.packages });
    this.#resolve(spec.packages, options);
    return join(spec.projectDir, ".snakepit", "envs", spec.name, "fake.lock");
  }

  async listInstalled(environment: Environment): Promise<InstalledPackage[]> {
    this.operations.push({ operation: "listInstalled", name: environment.name });
    const entry = this.#environments.get(environment.name);
    if (!entry) throw new EnvironmentError(`Environment ${environment.name} does not exist; call ensure() first.`);
    return entry.packages.map((requirement) => ({ name: requirementName(requirement), version: /==\s*([^,;\s]+)/.exec(requirement)?.[1] ?? "0.0.0" }));
  }

  async remove(spec: EnvironmentSpec): Promise<void> {
    this.operations.push({ operation: "remove", name: spec.name });
    this.#environments.delete(spec.name);
  }

  #resolve(packages: readonly Requirement[], options: EnvironmentOperationOptions): void {
    options.onProgress?.({ manager: this.name, phase: "resolving", message: `resolving ${packages.length} packages` });
    if (this.options.offline) {
      throw new EnvironmentError("Could not reach the package index (the fake is offline).", "Check your network or index settings (UV_INDEX_URL, pip's index-url).");
    }
    const known = this.options.knownPackages?.map((name) => name.toLowerCase());
    const unknown = known ? packages.map(requirementName).filter((name) => !known.includes(name)) : [];
    if (unknown.length) {
      throw new EnvironmentError(`No package named ${unknown.map((name) => `"${name}"`).join(", ")} exists in the index.`, "Check the spelling in your config's libraries.*.package.");
    }
  }
}
