/**
 * What introspection reports about Python objects. The Python bridge emits
 * exactly these shapes as JSON (python/snakepit_bridge/introspect.py), and
 * `catalog.lock.json` stores them as they are.
 */

/** Python's `inspect.Parameter.kind`, in snake case. */
export type ParameterKind =
  | "positional_only"
  | "positional_or_keyword"
  | "var_positional"
  | "keyword_only"
  | "var_keyword";

export interface ParameterDescription {
  readonly name: string;
  readonly kind: ParameterKind;
  /** `repr()` of the default value; absent when the parameter is required. */
  readonly default?: string;
  /** The annotation as source text ("int | None", "np.ndarray"); absent when unannotated. */
  readonly annotation?: string;
}

/** The installed distribution that provides a module. */
export interface DistributionInfo {
  readonly name: string;
  readonly version: string;
}

interface DescriptionBase {
  /** Dotted path that resolves to the object. */
  readonly path: string;
  /** Short name (last path segment). */
  readonly name: string;
  /** Docstring, cleaned with `inspect.cleandoc`; absent when there is none. */
  readonly doc?: string;
  readonly distribution?: DistributionInfo;
}

export interface CallableDescription extends DescriptionBase {
  readonly kind: "function";
  /** Absent when Python cannot produce a signature (some builtins and ufuncs). */
  readonly parameters?: readonly ParameterDescription[];
  readonly returns?: string;
  readonly isAsync: boolean;
  readonly isGenerator: boolean;
}

export interface ClassDescription extends DescriptionBase {
  readonly kind: "class";
  /** Parameters of the constructor, without `self`. */
  readonly parameters?: readonly ParameterDescription[];
  readonly methods: readonly CallableDescription[];
  /** Qualified names of the base classes, nearest first. */
  readonly bases: readonly string[];
}

/** One entry of a module's public surface. */
export interface MemberSummary {
  readonly name: string;
  readonly kind: "function" | "class" | "module" | "attribute";
  /** First line of the docstring. */
  readonly summary?: string;
}

export interface ModuleDescription extends DescriptionBase {
  readonly kind: "module";
  /** The module's `__all__`, when it defines one. */
  readonly all?: readonly string[];
  /** Public members, present when members were asked for. */
  readonly members?: readonly MemberSummary[];
}

export interface AttributeDescription extends DescriptionBase {
  readonly kind: "attribute";
  /** Qualified type of the value. */
  readonly type: string;
}

export type Description = CallableDescription | ClassDescription | ModuleDescription | AttributeDescription;
