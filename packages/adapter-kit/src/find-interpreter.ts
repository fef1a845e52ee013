import { readdir } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { EnvironmentError } from "@snakepit/core";
import { runCommand } from "./run-command.js";

export interface FindInterpreterOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Interpreter used when the spec names no python; default "python3". */
  readonly fallback?: string;
  /** The tool that cannot download Pythons, for the error message: "plain venv", "Poetry". */
  readonly tool?: string;
}

/** A Python found on this machine. */
export interface Interpreter {
  readonly path: string;
  readonly version: string;
}

/**
 * Finds an interpreter for a python request ("3.11", "3.12.4", ">=3.10", or a
 * path) among `python3.X`, `python3` and `python` on PATH and pyenv's
 * versions; with no request, `fallback` (default "python3"). It serves tools
 * that cannot install Pythons (pip, Poetry): a miss lists the interpreters
 * that were found, which is usually enough to fix the config.
 *
 * @example
 * await findInterpreter("3.11", { env: process.env, tool: "Poetry" }) // { path: "/usr/bin/python3.11", version: "3.11.2" }
 */
export async function findInterpreter(request: string | undefined, options: FindInterpreterOptions): Promise<Interpreter> {
  const wanted = request?.trim();
  const candidates = wanted && /[/\\]/.test(wanted) ? [wanted] : await candidatesFor(wanted, options);
  const found: Interpreter[] = [];
  for (const candidate of candidates) {
    const interpreter = await describe(candidate, options.env);
    if (!interpreter) continue;
    const version = interpreter.version;
    if (!wanted || /[/\\]/.test(wanted) || versionSatisfies(version, wanted)) return interpreter;
    found.push(interpreter);
  }
  const listing = found.length ? found.map((item) => `  - Python ${item.version} at ${item.path}`).join("\n") : "  (none)";
  throw new EnvironmentError(
    `No Python interpreter matching "${wanted ?? options.fallback ?? "python3"}" was found; ${options.tool ?? "this environment manager"} cannot download one.`,
    `Install that Python (your OS packages, pyenv, or python.org) or change \`python\` in your config to one of the interpreters found:\n${listing}`,
  );
}

async function candidatesFor(wanted: string | undefined, options: FindInterpreterOptions): Promise<string[]> {
  if (!wanted) return [options.fallback ?? "python3"];
  const minor = /^(?:==)?\s*(\d+\.\d+)/.exec(wanted)?.[1];
  const pyenvRoot = options.env["PYENV_ROOT"] ?? join(options.env["HOME"] ?? homedir(), ".pyenv");
  const pyenvVersions = await readdir(join(pyenvRoot, "versions")).catch(() => [] as string[]);
  return [
    ...(minor ? [`python${minor}`] : []),
    "python3",
    "python",
    ...pyenvVersions.filter((version) => /^\d+\.\d+/.test(version)).sort().reverse().map((version) => join(pyenvRoot, "versions", version, "bin", "python3")),
  ];
}

/** Version and absolute path (sys.executable, so a pyenv shim becomes the real interpreter) of a candidate that runs. */
async function describe(python: string, env: Readonly<Record<string, string | undefined>>): Promise<Interpreter | undefined> {
  const result = await runCommand(python, ["-c", "import sys; print('%d.%d.%d' % sys.version_info[:3]); print(sys.executable)"], { env }).catch(() => undefined);
  const [version, path] = result?.exitCode === 0 ? result.stdout.trim().split(/\r?\n/) : [];
  return version && path ? { version, path } : undefined;
}

/**
 * Whether a version satisfies "3.11", "3.11.7", "==3.11.*" or a
 * comma-separated list of comparisons: enough of PEP 440 for python requests.
 *
 * @example
 * versionSatisfies("3.11.7", ">=3.10,<3.12") // true
 */
export function versionSatisfies(version: string, request: string): boolean {
  const numbers = (text: string) => text.split(".").map((part) => Number.parseInt(part, 10));
  const compare = (left: number[], right: number[]) => {
    for (let index = 0; index < right.length; index++) {
      const difference = (left[index] ?? 0) - (right[index] ?? 0);
      if (difference !== 0) return difference;
    }
    return 0;
  };
  return request.split(",").every((clause) => {
    const match = /^\s*(==|>=|<=|>|<|!=|~=)?\s*(\d+(?:\.\d+)*)(\.\*)?\s*$/.exec(clause);
    if (!match?.[2]) return false;
    const operator = match[1] ?? "==";
    const difference = compare(numbers(version), numbers(match[2]));
    switch (operator) {
      case "==": case "~=": return operator === "~=" ? difference >= 0 : difference === 0;
      case ">=": return difference >= 0;
      case "<=": return difference <= 0;
      case ">": return difference > 0;
      case "<": return difference < 0;
      default: return difference !== 0;
    }
  });
}
