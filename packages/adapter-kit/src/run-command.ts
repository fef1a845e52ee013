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
  /** The whole environment of the command; absent = this process's environment. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly signal?: AbortSignal;
  /** Called with each stderr line as it arrives, for progress display. */
  readonly onStderrLine?: (line: string) => void;
  /** Called with each stdout line as it arrives (pip and Poetry report progress there). */
  readonly onStdoutLine?: (line: string) => void;
}

/**
 * Runs a tool and collects its output. Failures come back as results so each
 * caller can turn the tool's output into an error message that names the fix;
 * only cancellation throws (the AbortSignal's reason). stdin is closed, so a
 * tool that would prompt fails instead of hanging.
 *
 * @example
 * const result = await runCommand("uv", ["--version"]);
 * if (result.exitCode !== 0) throw new Error(result.spawnError ?? result.stderr);
 */
export async function runCommand(file: string, args: readonly string[], options: RunCommandOptions = {}): Promise<CommandResult> {
  const result = await execa(file, args, {
    cwd: options.cwd,
    env: options.env,
    extendEnv: options.env === undefined,
    stdin: "ignore",
    stdout: lineWatcher(options.onStdoutLine),
    stderr: lineWatcher(options.onStderrLine),
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

/** execa's stream option: a line transform that reports each line and keeps it, or plain piping. */
function lineWatcher(onLine: ((line: string) => void) | undefined) {
  return onLine ? [function* (line: unknown) { onLine(String(line)); yield line; }, "pipe" as const] : "pipe" as const;
}
