import type { ProgressEvent, ProgressPhase } from "@snakepit/core";

const patterns: ReadonlyArray<readonly [RegExp, ProgressPhase]> = [
  [/^Resolved \d+ packages?/, "resolving"],
  [/^(Downloading|Downloaded|Prepared|Building|Built) /, "downloading"],
  [/^(Installed|Uninstalled|Audited) \d+ packages?/, "installing"],
  [/^Creating virtual environment/, "creating"],
  [/^Using (CPython|PyPy|Python)/, "info"],
];

/**
 * Turns one line of uv's stderr into a progress event, or undefined for
 * lines that say nothing a progress display needs (warnings, "+ six==1.17").
 * uv prints its summary lines without a progress bar when stderr is not a
 * terminal, which is how it runs here.
 *
 * @example
 * uvProgressEvent("Resolved 3 packages in 130ms") // { manager: "uv", phase: "resolving", message: "Resolved 3 packages in 130ms" }
 */
export function uvProgressEvent(line: string): ProgressEvent | undefined {
  const text = line.trim();
  for (const [pattern, phase] of patterns) {
    if (pattern.test(text)) return { manager: "uv", phase, message: text };
  }
  return undefined;
}
