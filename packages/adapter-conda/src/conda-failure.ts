import { EnvironmentError } from "@snakepit/core";

/** conda's error report with --json (on stdout, exit code 1). */
interface CondaJsonError {
  readonly exception_name?: string;
  readonly message?: string;
  readonly error?: string;
  readonly packages?: readonly string[];
}

/**
 * Turns a failed conda command into an EnvironmentError: with --json conda
 * prints its exception as JSON on stdout, whose exception_name says which
 * failure it was; without, the same names start the stderr text.
 */
export function condaFailure(action: string, channels: readonly string[], stdout: string, stderr: string): EnvironmentError {
  const report = parseReport(stdout) ?? { exception_name: /(\w+Error):/.exec(stderr)?.[1] ?? "", message: stderr };
  const detail = (report.error ?? report.message ?? stderr).trim();
  const name = report.exception_name ?? "";
  const channelList = channels.join(", ");
  if (name === "CondaHTTPError" || /CONNECTION FAILED|ConnectionError/.test(detail)) {
    return new EnvironmentError(`Could not reach the conda channel while ${action} (channels: ${channelList}).`, `Check your network, proxy and channel settings (.condarc or the adapter's channels option).\n\n${detail}`);
  }
  if (name === "PackagesNotFoundError") {
    const missing = report.packages ?? [...detail.matchAll(/^\s+- (\S+)$/gm)].map((match) => match[1] ?? "");
    return new EnvironmentError(
      `No package named ${missing.map((item) => `"${item}"`).join(", ")} exists in the conda channels (${channelList}) while ${action}.`,
      `Check the spelling in your config's libraries.*.package; a PyPI-only package needs the uv or venv manager instead of conda.\n\n${detail}`,
    );
  }
  if (/Unsatisfiable/.test(name) || /incompatible with each other|problems while solving/.test(detail)) {
    return new EnvironmentError(`The requirements conflict: no set of versions satisfies them all (${action}).`, `Loosen or change the version pins named below in your config.\n\n${detail}`);
  }
  return new EnvironmentError(`conda failed while ${action}.`, detail || "conda printed nothing; run it again with -v for details.");
}

function parseReport(stdout: string): CondaJsonError | undefined {
  try {
    return JSON.parse(stdout) as CondaJsonError;
  } catch {
    return undefined;
  }
}
