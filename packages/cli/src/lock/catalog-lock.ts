import type {
  CallableDescription, CallPolicy, ClassDescription, DistributionInfo, ModuleDescription, TypeHints,
} from "@snakepit/core";

/**
 * Version of the lock file format. Bumped when a field changes meaning;
 * `snakepit generate` refuses a lock with another version and asks for a sync.
 */
export const catalogLockVersion = 1;

/**
 * `.snakepit/catalog.lock.json`: what `snakepit sync` learned from the real
 * libraries, so generation and CI never need Python. Descriptions are stored
 * exactly as introspection returned them.
 */
export interface CatalogLock {
  readonly version: typeof catalogLockVersion;
  /** Tool that wrote it ("snakepit 0.1.0"). */
  readonly generator: string;
  /** Canonical hash of the configuration's libraries: a different hash means the lock is stale. */
  readonly catalogHash: string;
  /** Python version of the environment that was introspected, when known. */
  readonly python?: string;
  /** Keyed as in the configuration ("sklearn"). */
  readonly libraries: Readonly<Record<string, LockedLibrary>>;
}

/** One library as installed. */
export interface LockedLibrary {
  /** Importable module the paths start with ("sklearn"). */
  readonly module: string;
  /** Requirement from the configuration ("scikit-learn>=1.3"). */
  readonly requirement?: string;
  /** Local project folder, for libraries installed from the user's repository. */
  readonly path?: string;
  /** Installed distribution and exact version. */
  readonly distribution?: DistributionInfo;
  readonly functions: readonly LockedFunction[];
  readonly classes: readonly LockedClass[];
  readonly modules: readonly LockedModule[];
}

/** A declared function: the name as written, and what Python says about it. */
export interface LockedFunction {
  /** As declared, relative to the library module ("metrics.accuracy_score"). */
  readonly declared: string;
  readonly description: CallableDescription;
  readonly types?: TypeHints;
  readonly policy?: CallPolicy;
}

/** A declared class; `description.methods` holds only the declared methods (all public ones when none were listed). */
export interface LockedClass {
  readonly declared: string;
  readonly description: ClassDescription;
  /** Type hints per method name. */
  readonly methodTypes?: Readonly<Record<string, TypeHints>>;
}

/** A submodule imported whole, with every public function and class it had. */
export interface LockedModule {
  readonly declared: string;
  readonly description: ModuleDescription;
  readonly functions: readonly CallableDescription[];
  readonly classes: readonly ClassDescription[];
}
