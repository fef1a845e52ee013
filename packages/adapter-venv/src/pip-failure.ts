import { EnvironmentError } from "@snakepit/core";

/**
 * Turns a failed pip command into an EnvironmentError whose first line says
 * what went wrong in the user's terms; pip's own output follows as detail.
 * Network trouble is checked first: pip reports an unreachable index as
 * "Could not find a version" after its retries, which would read as a typo.
 */
export function pipFailure(action: string, index: string, output: string): EnvironmentError {
  const detail = output.split(/\r?\n/).filter((line) => line.trim()).slice(-40).join("\n");
  if (/NewConnectionError|Connection refused|Failed to establish a new connection|Max retries exceeded|ConnectTimeout|ProxyError|Temporary failure in name resolution/i.test(output)) {
    return new EnvironmentError(
      `Could not reach the package index while ${action}: ${index}.`,
      `Check your network, proxy and pip's index settings (PIP_INDEX_URL or index-url in pip.conf).\n\n${detail}`,
    );
  }
  const missing = [...output.matchAll(/No matching distribution found for ([A-Za-z0-9._-]+)/g)].map((match) => match[1]);
  if (missing.length) {
    return new EnvironmentError(
      `No package named ${[...new Set(missing)].map((name) => `"${name}"`).join(", ")} exists in the package index (${index}) while ${action}.`,
      `Check the spelling of the package in your config's libraries.*.package, or the index settings.\n\n${detail}`,
    );
  }
  if (/ResolutionImpossible|conflicting dependencies/.test(output)) {
    return new EnvironmentError(
      `The requirements conflict: no set of versions satisfies them all (${action}).`,
      `Loosen or change the version pins named below in your config.\n\n${detail}`,
    );
  }
  return new EnvironmentError(`pip failed while ${action}.`, detail || "pip printed nothing; run it again with -v for details.");
}
