import type { Command } from "./command.js";
import { ExitCode } from "./exit-codes.js";

/** `snakepit --help`. */
export function generalHelp(commands: readonly Command[], version: string): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    `snakepit ${version}: use Python libraries from TypeScript with typed wrappers.`,
    "",
    "Usage: snakepit <command> [options]",
    "",
    "Commands:",
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    "",
    "Options for every command:",
    "  --cwd <dir>       the project folder (default: the current folder)",
    "  --config <file>   the configuration file (default: snakepit.config.ts in the project folder)",
    "  --json            print one JSON document on stdout (results or the error), for scripts",
    "  --quiet           no progress on stderr",
    "  -h, --help        help for a command: snakepit <command> --help",
    "  -v, --version     print the version",
    "",
    "Exit codes:",
    ...Object.entries(ExitCode).map(([name, code]) => `  ${String(code).padStart(3)}  ${name}`),
  ].join("\n");
}
