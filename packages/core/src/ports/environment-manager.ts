import type {
  Environment, EnvironmentOperationOptions, EnvironmentSpec, InstalledPackage, Requirement,
} from "../model/environment.js";

/** What a manager found when asked whether it can work on this machine. */
export interface ManagerDetection {
  readonly available: boolean;
  /** Executable it would run. */
  readonly executable?: string;
  readonly version?: string;
  /** How it was found or made available ("SNAKEPIT_UV", "PATH", "bootstrapped into …"). */
  readonly source?: string;
  /** Why it is not available, and what to do. */
  readonly reason?: string;
}

/** Optional abilities of a manager. */
export interface EnvironmentManagerCapabilities {
  /** Writes a lock file and can reproduce from it. */
  readonly lockfile: boolean;
  /** Can select (or install) a requested Python version. */
  readonly pythonVersions: boolean;
  /** Installs local projects editable. */
  readonly editableInstalls: boolean;
}

/**
 * Finds or creates a Python environment from a spec. Implementations: uv
 * (default), Poetry, conda/mamba/micromamba, plain venv, and a recording fake.
 *
 * Contract: `ensure` is idempotent and cheap when nothing changed (fingerprint);
 * a failed operation leaves the previous working environment intact; errors
 * are `EnvironmentError` with what failed and what to do.
 */
export interface EnvironmentManager {
  /** Short name ("uv"), shown in logs and `snakepit doctor`. */
  readonly name: string;
  readonly capabilities: EnvironmentManagerCapabilities;
  /** Checks whether the tool is usable here (finding or bootstrapping it if the adapter can). */
  detect(options?: EnvironmentOperationOptions): Promise<ManagerDetection>;
  /** Returns an environment matching the spec, creating or syncing it if needed. */
  ensure(spec: EnvironmentSpec, options?: EnvironmentOperationOptions): Promise<Environment>;
  /** Adds requirements to the environment of `spec` and returns the updated environment. */
  add(spec: EnvironmentSpec, packages: readonly Requirement[], options?: EnvironmentOperationOptions): Promise<Environment>;
  /** Resolves the spec into a lock file without installing; returns its path. */
  lock(spec: EnvironmentSpec, options?: EnvironmentOperationOptions): Promise<string>;
  /** Lists the distributions installed in an environment. */
  listInstalled(environment: Environment, options?: EnvironmentOperationOptions): Promise<InstalledPackage[]>;
  /** Deletes the environment of `spec`; a missing one is not an error. */
  remove(spec: EnvironmentSpec, options?: EnvironmentOperationOptions): Promise<void>;
}
