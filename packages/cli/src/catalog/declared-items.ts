import type { CallPolicy, ClassEntry, FunctionEntry, LibrarySpec, TypeHints } from "@snakepit/core";

/** A declared function or method, normalised from the string-or-object entry forms. */
export interface DeclaredCallable {
  readonly name: string;
  readonly types?: TypeHints;
  readonly policy?: CallPolicy;
}

/** A declared class; `methods` undefined means every public method. */
export interface DeclaredClass {
  readonly name: string;
  readonly methods?: readonly DeclaredCallable[];
}

/** Everything a library declares, with names still relative to its module. */
export interface DeclaredLibrary {
  readonly key: string;
  /** Importable module ("sklearn"). */
  readonly module: string;
  readonly functions: readonly DeclaredCallable[];
  readonly classes: readonly DeclaredClass[];
  readonly modules: readonly string[];
}

/** Normalises one library of the catalog, so validation and generation see a single shape. */
export function declaredLibrary(key: string, spec: LibrarySpec): DeclaredLibrary {
  return {
    key,
    module: spec.module ?? key,
    functions: (spec.functions ?? []).map(declaredCallable),
    classes: (spec.classes ?? []).map(declaredClass),
    modules: [...(spec.modules ?? [])],
  };
}

function declaredCallable(entry: FunctionEntry): DeclaredCallable {
  if (typeof entry === "string") return { name: entry };
  const { name, types, ...policy } = entry;
  return { name, ...(types ? { types } : {}), ...(Object.keys(policy).length ? { policy } : {}) };
}

function declaredClass(entry: ClassEntry): DeclaredClass {
  if (typeof entry === "string") return { name: entry };
  return { name: entry.name, ...(entry.methods ? { methods: entry.methods.map(declaredCallable) } : {}) };
}
