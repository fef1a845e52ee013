import type { ProgressEvent, ProgressPhase } from "@snakepit/core";

const patterns: ReadonlyArray<readonly [RegExp, ProgressPhase]> = [
  [/^(Collecting|Obtaining|Looking in indexes|Would install) /, "resolving"],
  [/^(Downloading|Using cached|Building|Preparing|Getting requirements) /, "downloading"],
  [/^(Installing collected packages|Successfully installed)/, "installing"],
];

/**
 * Turns one line of pip's output into a progress event, or undefined for
 * lines a progress display does not need.
 *
 * @example
 * pipProgressEvent("Collecting six==1.16.0") // { manager: "venv", phase: "resolving", message: "Collecting six==1.16.0" }
 */
export function pipProgressEvent(line: string): ProgressEvent | undefined {
  const text = line.trim();
  for (const [pattern, phase] of patterns) {
    if (pattern.test(text)) return { manager: "venv", phase, message: text };
  }
  return undefined;
}
