/**
 * The declarative catalog: what a user writes in `snakepit.config.ts`.
 * Validated by `defineConfig`/`defineCatalog` (config/schema.ts).
 */

/** Options that change how calls to one function are run. */
export interface CallPolicy {
  /** Same arguments always give the same result: the result may be cached. */
  readonly pure?: boolean;
  /** Cache lifetime ("1h", "30s", or milliseconds); implies pure. */
  readonly ttl?: string | number;
  /** Deadline for one call, in milliseconds. */
  readonly deadlineMs?: number;
  /** Safe to run twice: retried after a worker crash. */
  readonly idempotent?: boolean;
}

/** Type hints for what introspection cannot see: parameter name → TS type text. */
export interface TypeHints {
  readonly params?: Readonly<Record<string, string>>;
  readonly returns?: string;
}

/** A function, by dotted path relative to the library's module. */
export type FunctionEntry = string | ({ readonly name: string; readonly types?: TypeHints } & CallPolicy);

/** A method of a declared class. */
export type MethodEntry = string | ({ readonly name: string; readonly types?: TypeHints } & CallPolicy);

/** A class; methods absent = every public method introspection finds. */
export type ClassEntry = string | { readonly name: string; readonly methods?: readonly MethodEntry[] };

/** Who drafted an entry (written by `snakepit add`). */
export interface GeneratedBy {
  readonly generator: string;
  readonly model?: string;
  readonly at: string;
}

/** One Python library the program uses. */
export interface LibrarySpec {
  /** PEP 508 requirement ("scikit-learn>=1.3"); absent for a local project or the standard library. */
  readonly package?: string;
  /** Folder of a local Python project in the user's repo (installed editable). */
  readonly path?: string;
  /** Importable module name; defaults to the library key ("sklearn"). */
  readonly module?: string;
  readonly functions?: readonly FunctionEntry[];
  readonly classes?: readonly ClassEntry[];
  /** Submodules imported whole: every public callable becomes available. */
  readonly modules?: readonly string[];
  /** Cache results of every function of this library (they are pure). */
  readonly cache?: { readonly ttl?: string | number };
  readonly generatedBy?: GeneratedBy;
}

export type Catalog = Readonly<Record<string, LibrarySpec>>;
