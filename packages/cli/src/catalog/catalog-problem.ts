/** What is wrong with one declared name. */
export type CatalogProblemKind =
  /** The library's module cannot be imported (wrong `module`, package not installed, import raised). */
  | "import-failed"
  /** The name does not exist in the installed version, and nothing close does. */
  | "missing"
  /** The name does not exist, but a close one does: `suggestion` holds the declaration to write. */
  | "misspelled"
  /** The name exists but is a value, not something Python can call. */
  | "not-callable"
  /** The name exists but is declared in the wrong section (a class under functions, a function under modules…). */
  | "wrong-kind"
  /** The installed distribution does not satisfy the requirement in `package`. */
  | "version-mismatch";

/** One problem of a catalog, precise enough to fix without looking anything up. */
export interface CatalogProblem {
  /** Library key in the configuration ("sklearn"). */
  readonly library: string;
  /** The declaration as written ("metrics.acuracy_score", "ensemble.RandomForestClassifier.fitt"). */
  readonly declared: string;
  /** Full Python path that was looked up. */
  readonly path: string;
  readonly kind: CatalogProblemKind;
  /** What is wrong and what to do, in one sentence. */
  readonly message: string;
  /** The declaration to write instead, for misspellings. */
  readonly suggestion?: string;
}

/** `libraries.sklearn: "metrics.acuracy_score": … did you mean "metrics.accuracy_score"?` */
export function formatProblem(problem: CatalogProblem): string {
  return `libraries.${problem.library}: "${problem.declared}": ${problem.message}`;
}
