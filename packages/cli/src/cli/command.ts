import type { ParseArgsOptionsConfig } from "node:util";
import type { Output } from "./output.js";
import type { Prompt } from "./prompt.js";
import type { RuntimeLoader } from "./runtime-loader.js";

/** Parsed option values of one command. */
export type OptionValues = Readonly<Record<string, string | boolean | readonly (string | boolean)[] | undefined>>;

/** What every command gets: where the project is, its arguments, and where to write. */
export interface CommandContext {
  /** The user's project folder (--cwd, else the working directory). */
  readonly projectDir: string;
  /** Explicit configuration file (--config). */
  readonly configFile?: string;
  readonly positionals: readonly string[];
  readonly options: OptionValues;
  readonly output: Output;
  /** Aborted on Ctrl-C. */
  readonly signal: AbortSignal;
  /** Starts Python; replaced by a stand-in in tests. */
  readonly runtime: RuntimeLoader;
  /** Asks for confirmation; not interactive under --json or without a terminal. */
  readonly prompt: Prompt;
  /** Environment variables (API keys, OPENAI_BASE_URL); `process.env` unless a test passes its own. */
  readonly environment: Readonly<Record<string, string | undefined>>;
}

/** One `snakepit <name>` command. */
export interface Command {
  readonly name: string;
  /** One line for `snakepit --help`. */
  readonly summary: string;
  /** Usage text shown by `snakepit <name> --help`. */
  readonly usage: string;
  readonly options: ParseArgsOptionsConfig;
  /** Runs the command; the resolved value is the `--json` document's `result`. */
  run(context: CommandContext): Promise<unknown>;
}
