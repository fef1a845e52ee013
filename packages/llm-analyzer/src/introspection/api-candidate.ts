/** A public function or class found while surveying a package, before it is described in full. */
export interface ApiCandidate {
  /** Dotted path relative to the library's module ("metrics.accuracy_score"). */
  readonly name: string;
  readonly kind: "function" | "class";
  /** First docstring line, when documented. */
  readonly summary?: string;
  /** Listed in its module's `__all__`: the author declared it public. */
  readonly exported: boolean;
  /** 0 for the top-level module, 1 for a submodule one level down. */
  readonly depth: 0 | 1;
}

/** A public submodule one level below the library's module. */
export interface SubmoduleSummary {
  /** Name relative to the library's module ("metrics"). */
  readonly name: string;
  readonly summary?: string;
  /** How many documented public functions and classes it has. */
  readonly documentedMembers: number;
}

/** What a survey of the package found: ranked later, described on demand. */
export interface PublicSurface {
  readonly candidates: readonly ApiCandidate[];
  readonly submodules: readonly SubmoduleSummary[];
  /** The top-level module's docstring. */
  readonly moduleDoc?: string;
  /** Submodules that could not be described, and why. */
  readonly warnings: readonly string[];
}
