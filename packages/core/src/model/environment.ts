/** A package the user wants, as a PEP 508 requirement ("numpy>=1.24"). */
export type Requirement = string;

/** A Python project in the user's repository, installed in editable mode. */
export interface LocalPackage {
  /** Folder with a pyproject.toml or setup.py, absolute or relative to the project folder. */
  readonly path: string;
  /** Install so edits show without reinstalling; defaults to true. */
  readonly editable?: boolean;
}

/** What an environment must contain. Equal specs give the same environment. */
export interface EnvironmentSpec {
  /** Folder-safe name; environments live under `<projectDir>/.snakepit/envs/<name>`. */
  readonly name: string;
  /** Folder the environment belongs to (the user's project root). */
  readonly projectDir: string;
  /** Python version request: "3.11", "3.12.4", ">=3.10". Absent = any found interpreter. */
  readonly python?: string;
  readonly packages: readonly Requirement[];
  readonly localPackages?: readonly LocalPackage[];
  /** Where the Snakepit bridge comes from: a folder (development) or a requirement. */
  readonly bridge?: { readonly path: string } | { readonly requirement: Requirement };
}

/** A ready environment. */
export interface Environment {
  readonly name: string;
  /** Name of the manager that made it ("uv", "poetry", "conda", "venv", "fake"). */
  readonly manager: string;
  /** Folder of the environment (the venv or conda prefix). */
  readonly root: string;
  /** Interpreter to start workers with. */
  readonly pythonPath: string;
  readonly pythonVersion: string;
  /** Hash of the spec and lock it was built from; equal fingerprints mean nothing to do. */
  readonly fingerprint: string;
  /** Lock file, when the manager writes one. */
  readonly lockfile?: string;
}

/** One installed distribution. */
export interface InstalledPackage {
  readonly name: string;
  readonly version: string;
  /** Set for editable installs of local projects. */
  readonly editablePath?: string;
}

/** Steps an environment manager reports while it works, for progress display. */
export type ProgressPhase =
  | "detecting" | "bootstrapping" | "creating" | "resolving" | "locking"
  | "downloading" | "installing" | "done" | "info";

export interface ProgressEvent {
  readonly manager: string;
  readonly phase: ProgressPhase;
  readonly message: string;
}

/** Options of every environment manager operation. */
export interface EnvironmentOperationOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: ProgressEvent) => void;
}
