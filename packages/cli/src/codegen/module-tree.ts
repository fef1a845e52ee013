import type { CallableDescription, ClassDescription, TypeHints } from "@snakepit/core";
import type { LockedLibrary } from "../lock/catalog-lock.js";

/** A Python module as it will appear in TypeScript: a namespace with functions, classes and submodules. */
export interface ModuleNode {
  /** Dotted Python path ("sklearn.metrics"). */
  readonly pythonPath: string;
  /** Path of namespaces below the library ([] for the library itself, ["metrics"]). */
  readonly segments: readonly string[];
  readonly functions: { readonly name: string; readonly description: CallableDescription; readonly types?: TypeHints }[];
  readonly classes: { readonly name: string; readonly description: ClassDescription; readonly methodTypes?: Readonly<Record<string, TypeHints>> }[];
  readonly children: Map<string, ModuleNode>;
}

/**
 * Arranges a locked library into nested modules, following the declared
 * names: "metrics.accuracy_score" puts `accuracy_score` in a `metrics`
 * namespace, as it is in Python.
 */
export function moduleTreeOf(library: LockedLibrary): ModuleNode {
  const root = node(library.module, []);
  const at = (segments: readonly string[]): ModuleNode => {
    let current = root;
    for (const segment of segments) {
      let child = current.children.get(segment);
      if (!child) {
        child = node(`${current.pythonPath}.${segment}`, [...current.segments, segment]);
        current.children.set(segment, child);
      }
      current = child;
    }
    return current;
  };
  const split = (declared: string) => {
    const parts = declared.split(".");
    return { segments: parts.slice(0, -1), name: parts.at(-1) ?? declared };
  };
  for (const item of library.functions) {
    const { segments, name } = split(item.declared);
    at(segments).functions.push({ name, description: item.description, ...(item.types ? { types: item.types } : {}) });
  }
  for (const item of library.classes) {
    const { segments, name } = split(item.declared);
    at(segments).classes.push({ name, description: item.description, ...(item.methodTypes ? { methodTypes: item.methodTypes } : {}) });
  }
  for (const item of library.modules) {
    const target = at(item.declared.split("."));
    for (const description of item.functions) target.functions.push({ name: description.name, description });
    for (const description of item.classes) target.classes.push({ name: description.name, description });
  }
  return root;
}

function node(pythonPath: string, segments: readonly string[]): ModuleNode {
  return { pythonPath, segments, functions: [], classes: [], children: new Map() };
}
