import { resolve } from "node:path";
import { parseArgs, type ParseArgsOptionsConfig } from "node:util";
import { SnakepitError } from "@snakepit/core";
import { allCommands, type CommandServices } from "../commands/index.js";
import type { Command } from "./command.js";
import { UsageError } from "./cli-errors.js";
import { ExitCode, exitCodeFor, type ExitCodeValue } from "./exit-codes.js";
import { generalHelp } from "./help.js";
import { Output, type OutputStreams } from "./output.js";
import { terminalPrompt, type Prompt } from "./prompt.js";
import { defaultRuntimeLoader, type RuntimeLoader } from "./runtime-loader.js";
import { snakepitVersion } from "./version.js";

const globalOptions = {
  json: { type: "boolean" },
  quiet: { type: "boolean" },
  cwd: { type: "string" },
  config: { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const satisfies ParseArgsOptionsConfig;

/** Everything `main` needs from the outside world; tests replace any of it. */
export interface MainOptions {
  readonly streams?: OutputStreams;
  readonly runtime?: RuntimeLoader;
  readonly services?: CommandServices;
  readonly cwd?: string;
  readonly signal?: AbortSignal;
  /** Who answers confirmations (`add`); default the terminal. */
  readonly prompt?: Prompt;
  /** Environment variables; default `process.env`. */
  readonly environment?: Readonly<Record<string, string | undefined>>;
}

/**
 * Runs one `snakepit` command line and returns the exit code (see
 * exit-codes.ts). Never calls process.exit, so it can run in-process in tests.
 *
 * @example
 * process.exitCode = await main(process.argv.slice(2));
 */
export async function main(argv: readonly string[], options: MainOptions = {}): Promise<ExitCodeValue> {
  const streams = options.streams ?? { stdout: process.stdout, stderr: process.stderr };
  const commands = allCommands(options.services);
  const json = argv.includes("--json");
  const output = new Output(streams, json, argv.includes("--quiet"));
  let commandName: string | undefined;
  try {
    const loose = parseArgs({ args: [...argv], options: globalOptions, strict: false, allowPositionals: true });
    commandName = loose.positionals[0];
    if (!commandName) {
      if (loose.values.version) return written(streams, `${snakepitVersion}\n`, ExitCode.ok);
      const help = generalHelp(commands, snakepitVersion);
      return loose.values.help ? written(streams, `${help}\n`, ExitCode.ok) : fail(output, new UsageError(`No command given.\n\n${help}`), undefined);
    }
    const command = commands.find((candidate) => candidate.name === commandName);
    if (!command) throw new UsageError(`Unknown command "${commandName}". Commands: ${commands.map((candidate) => candidate.name).join(", ")}. See \`snakepit --help\`.`);
    const parsed = parseCommandLine(command, argv);
    if (parsed.values.help) return written(streams, `${command.usage}\n`, ExitCode.ok);
    const cwd = resolve(options.cwd ?? process.cwd(), typeof parsed.values.cwd === "string" ? parsed.values.cwd : ".");
    const result = await command.run({
      projectDir: cwd,
      ...(typeof parsed.values.config === "string" ? { configFile: resolve(cwd, parsed.values.config) } : {}),
      positionals: parsed.positionals.slice(1),
      options: parsed.values,
      output,
      signal: options.signal ?? new AbortController().signal,
      runtime: options.runtime ?? defaultRuntimeLoader,
      // Under --json stdout is a document for a script: nobody is there to answer.
      prompt: json ? nonInteractive : (options.prompt ?? terminalPrompt),
      environment: options.environment ?? process.env,
    });
    output.document({ ok: true, command: command.name, result: result ?? null });
    return ExitCode.ok;
  } catch (error) {
    return fail(output, error, commandName);
  }
}

const nonInteractive: Prompt = { interactive: false, confirm: async () => false };

function parseCommandLine(command: Command, argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: { ...globalOptions, ...command.options }, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${command.usage}`);
  }
}

function fail(output: Output, error: unknown, command: string | undefined): ExitCodeValue {
  const exitCode = exitCodeFor(error);
  const message = error instanceof Error ? error.message : String(error);
  output.error(exitCode === ExitCode.internal ? `${message}\n\nThis is a bug in snakepit; please report it with the command and this output.\n${(error as Error).stack ?? ""}` : message);
  output.document({
    ok: false,
    ...(command ? { command } : {}),
    error: {
      code: error instanceof SnakepitError ? error.code : "INTERNAL",
      exitCode,
      message,
      ...(hasReport(error) ? { report: error.report } : {}),
    },
  });
  return exitCode;
}

function hasReport(error: unknown): error is { report: unknown } {
  return typeof error === "object" && error !== null && "report" in error;
}

function written(streams: OutputStreams, text: string, code: ExitCodeValue): ExitCodeValue {
  streams.stdout.write(text);
  return code;
}
