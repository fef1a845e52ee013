import { CatalogError } from "@snakepit/core";
import { formatProblem, type CatalogProblem } from "./catalog-problem.js";

/** A CatalogError that keeps the structured report, for `--json` output and tests. */
export class CatalogValidationError extends CatalogError {
  constructor(message: string, readonly report: readonly CatalogProblem[]) {
    super(message, report.map(formatProblem));
  }
}
