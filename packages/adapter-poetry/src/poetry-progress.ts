import type { ProgressEvent, ProgressPhase } from "@snakepit/core";

const patterns: ReadonlyArray<readonly [RegExp, ProgressPhase]> = [
  [/^(Resolving dependencies|Updating dependencies)/, "resolving"],
  [/^Writing lock file/, "locking"],
  [/^Creating virtualenv/, "creating"],
  [/^- (Downloading|Preparing)/, "downloading"],
  [/^(Package operations:|- Installing|- Updating)/, "installing"],
];

/**
 * Turns one line of Poetry's output into a progress event, or undefined.
 *
 * @example
 * poetryProgressEvent("Package operations: 2 installs, 0 updates, 0 removals") // phase "installing"
 */
export function poetryProgressEvent(line: string): ProgressEvent | undefined {
  const text = line.trim();
  for (const [pattern, phase] of patterns) {
    if (pattern.test(text)) return { manager: "poetry", phase, message: text };
  }
  return undefined;
}
