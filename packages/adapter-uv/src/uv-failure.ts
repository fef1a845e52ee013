import { EnvironmentError } from "@snakepit/core";
import { withoutInterpreterWarnings } from "./uv-stderr.js";

export interface UvFailureContext {
  /** What Snakepit was doing: "locking environment default". */
  readonly action: string;
  /** The index in use, as IndexSettings.description says it. */
  readonly index: string;
  readonly stderr: string;
}

/**
 * Turns a failed uv command into an EnvironmentError whose first line says
 * what went wrong in the user's terms (a name the index does not have,
 * requirements that conflict, an index that does not answer) and what to do;
 * uv's own explanation follows as the detail.
 */
export function uvFailure(context: UvFailureContext): EnvironmentError {
  const detail = withoutInterpreterWarnings(context.stderr);
  const missing = [...detail.matchAll(/Because (?:there is no version of )?([A-Za-z0-9._-]+)(?:\[[^\]]*\])?(?:[^,]*)? was not found in the package registry/g)]
    .map((match) => match[1]);
  if (missing.length) {
    const names = [...new Set(missing)].map((name) => `"${name}"`).join(", ");
    return new EnvironmentError(
      `No package named ${names} exists in the package index (${context.index}) while ${context.action}.`,
      `Check the spelling of the package in your config's libraries.*.package, or the index settings.\n\n${detail}`,
    );
  }
  if (/Failed to fetch|error sending request|Connection refused|tcp connect error|dns error|timed out|Request failed after/i.test(detail)) {
    return new EnvironmentError(
      `Could not reach the package index while ${context.action}: ${context.index}.`,
      `Check your network, proxy and index settings (UV_DEFAULT_INDEX / UV_INDEX_URL, or index-url in pip's configuration).\n\n${detail}`,
    );
  }
  if (/No solution found when resolving dependencies/.test(detail)) {
    return new EnvironmentError(
      `The requirements conflict: no set of versions satisfies them all (${context.action}).`,
      `Loosen or change the version pins named below in your config.\n\n${detail}`,
    );
  }
  return new EnvironmentError(`uv failed while ${context.action}.`, detail || "uv printed nothing; run it again with RUST_LOG=uv=debug for details.");
}
