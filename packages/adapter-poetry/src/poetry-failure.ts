import { EnvironmentError } from "@snakepit/core";

/**
 * Turns a failed Poetry command into an EnvironmentError that says what went
 * wrong in the user's terms, with Poetry's output as the detail.
 */
export function poetryFailure(action: string, index: string, output: string): EnvironmentError {
  const detail = output.split(/\r?\n/).filter((line) => line.trim()).slice(-30).join("\n");
  if (/server is not responding|hostname cannot be resolved|network is not connected|Connection refused|ConnectionError|Max retries exceeded/i.test(output)) {
    return new EnvironmentError(
      `Could not reach the package index while ${action}: ${index}.`,
      `Check your network, proxy and index settings (the adapter's indexUrl option or PIP_INDEX_URL).\n\n${detail}`,
    );
  }
  const missing = [...output.matchAll(/depends on ([A-Za-z0-9._-]+) \([^)]*\) which doesn't match any versions/g)].map((match) => match[1]);
  if (missing.length) {
    return new EnvironmentError(
      `No package named ${[...new Set(missing)].map((name) => `"${name}"`).join(", ")} exists in the package index (${index}) while ${action}.`,
      `Check the spelling of the package in your config's libraries.*.package, or the index settings.\n\n${detail}`,
    );
  }
  if (/version solving failed|Incompatible constraints|SolverProblemError/.test(output)) {
    return new EnvironmentError(
      `The requirements conflict: no set of versions satisfies them all (${action}).`,
      `Loosen or change the version pins named below in your config.\n\n${detail}`,
    );
  }
  return new EnvironmentError(`Poetry failed while ${action}.`, detail || "Poetry printed nothing; run it again with -vvv for details.");
}
