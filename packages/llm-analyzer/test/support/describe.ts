import type { CallableDescription, ClassDescription, DistributionInfo, ParameterDescription } from "@snakepit/core";

/*
 * Shorthands for writing fixtures in the shapes python/snakepit_bridge/introspect.py emits.
 */

/** A positional-or-keyword parameter, optionally with a default (its repr). */
export const parameter = (name: string, defaultValue?: string): ParameterDescription =>
  defaultValue === undefined ? { name, kind: "positional_or_keyword" } : { name, kind: "positional_or_keyword", default: defaultValue };

/** A keyword-only parameter (after `*` in the signature). */
export const keyword = (name: string, defaultValue: string): ParameterDescription => ({ name, kind: "keyword_only", default: defaultValue });

export const positionalOnly = (name: string): ParameterDescription => ({ name, kind: "positional_only" });
export const varPositional = (name: string): ParameterDescription => ({ name, kind: "var_positional" });
export const varKeyword = (name: string): ParameterDescription => ({ name, kind: "var_keyword" });

export function callable(path: string, doc: string | undefined, parameters: readonly ParameterDescription[], distribution?: DistributionInfo): CallableDescription {
  return { kind: "function", path, name: path.split(".").pop() ?? path, ...(doc ? { doc } : {}), parameters, isAsync: false, isGenerator: false, ...(distribution ? { distribution } : {}) };
}

export function classOf(path: string, doc: string, parameters: readonly ParameterDescription[], methods: readonly CallableDescription[], bases: readonly string[], distribution?: DistributionInfo): ClassDescription {
  return { kind: "class", path, name: path.split(".").pop() ?? path, doc, parameters, methods, bases, ...(distribution ? { distribution } : {}) };
}
