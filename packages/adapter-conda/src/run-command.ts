import { execa } from "execa";

/** How a finished command ended; a non-zero exit is data here, not an exception. */
export interface CommandResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Set when the command could not start at all (missing executable, permissions). */
  readonly spawnError?: string;
}

export interface RunCommandOptions {
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly signal?: AbortSignal;
  /** Called with each stderr line as it arrives, for progress display. */
  readonly onStderrLine?: (line: string) => void;
  /** Called with each stdout line as it arrives (pip reports progress there). */
  readonly onStdoutLine?: (line: string) => void;
}

/**
 * Runs a tool and collects its output. Failures come back as results so each
 * caller can turn the tool's stderr into an error message that names the fix;
 * only cancellation throws (the AbortSignal's reason).
 *
 * @example
 * const result = await runCommand("uv", ["--version"]);
 */
export async function runCommand(file: string, args: readonly string[], options: RunCommandOptions = {}): Promise<CommandResult> {
  const onLine = options.onStderrLine;
  const onStdoutLine = options.onStdoutLine;
  const result = await execa(file, args, {
    cwd: options.cwd,
    env: options.env,
    extendEnv: options.env === undefined,
    stdin: "ignore",
    stdout: onStdoutLine ? [function* (line: unknown) { onStdoutLine(String(line)); yield line; }, "pipe"] : "pipe",
    stderr: onLine ? [function* (line: unknown) { onLine(String(line)); yield line; }, "pipe"] : "pipe",
    reject: false,
    ...(options.signal ? { cancelSignal: options.signal } : {}),
    forceKillAfterDelay: 2_000,
  });
  if (options.signal?.aborted) throw options.signal.reason;
  const spawnError = result.exitCode === undefined && result.failed ? result.originalMessage || result.shortMessage : undefined;
  return {
    exitCode: result.exitCode ?? -1,
    stdout: String(result.stdout ?? ""),
    stderr: String(result.stderr ?? ""),
    ...(spawnError ? { spawnError } : {}),
  };
}
