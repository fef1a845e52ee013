import type { ProgressEvent, ProgressPhase } from "@snakepit/core";
import { runCommand, type CommandResult, type RunCommandOptions } from "./run-command.js";

/** Turns one line of a tool's output into a progress event, or undefined for lines a progress display does not need. */
export type ProgressParser = (line: string) => ProgressEvent | undefined;

/**
 * A ProgressParser from a table of line patterns, first match wins. Tools
 * print summary lines without progress bars when their output is not a
 * terminal, which is how they run here, so matching the start of a line is
 * enough and survives new tool versions better than parsing.
 *
 * @example
 * const uvProgressEvent = progressParser("uv", [[/^Resolved \d+ packages?/, "resolving"]]);
 * uvProgressEvent("Resolved 3 packages in 130ms") // { manager: "uv", phase: "resolving", message: "Resolved 3 packages in 130ms" }
 */
export function progressParser(manager: string, patterns: ReadonlyArray<readonly [RegExp, ProgressPhase]>): ProgressParser {
  return (line) => {
    const text = line.trim();
    const phase = patterns.find(([pattern]) => pattern.test(text))?.[1];
    return phase ? { manager, phase, message: text } : undefined;
  };
}

export interface RunWithProgressOptions extends Omit<RunCommandOptions, "onStderrLine" | "onStdoutLine"> {
  readonly progress: ProgressParser;
  readonly onProgress?: ((event: ProgressEvent) => void) | undefined;
  /** Read stdout as progress too (pip and Poetry print there); default stderr only (uv, conda). */
  readonly watchStdout?: boolean;
}

/**
 * Runs a tool whose output lines are its progress: each watched line is
 * parsed and forwarded as it arrives, and all of them are kept in the order
 * they came (`output`), because a tool's error usually only makes sense
 * after what it printed before it.
 *
 * @example
 * const result = await runWithProgress(python, ["-m", "pip", "install", "six"], { progress: pipProgressEvent, onProgress, watchStdout: true });
 * if (result.exitCode !== 0) throw pipFailure("installing six", index, result.spawnError ?? result.output);
 */
export async function runWithProgress(file: string, args: readonly string[], options: RunWithProgressOptions): Promise<CommandResult & { readonly output: string }> {
  const { progress, onProgress, watchStdout, ...run } = options;
  const lines: string[] = [];
  const onLine = (line: string) => {
    lines.push(line);
    const event = progress(line);
    if (event) onProgress?.(event);
  };
  const result = await runCommand(file, args, { ...run, onStderrLine: onLine, ...(watchStdout ? { onStdoutLine: onLine } : {}) });
  return { ...result, output: lines.join("\n") };
}
