import { access, constants } from "node:fs/promises";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";
import { pipInstalledTool, pipInstalledToolPath, runCommand, type FoundTool } from "@snakepit/adapter-kit";
import type { ProgressEvent } from "@snakepit/core";

/** A Poetry executable that answered `poetry --version`. */
export type FoundPoetry = FoundTool;

export interface FindPoetryOptions {
  readonly explicit?: string;
  readonly toolsDir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The two ways out when Poetry is missing and cannot be installed. */
export const poetryInstallAdvice =
  "Either install Poetry yourself (https://python-poetry.org/docs/#installation, e.g. `pipx install poetry`) and make it findable on PATH "
  + "or with SNAKEPIT_POETRY=/path/to/poetry, or make `python3 -m venv` and `pip install poetry` work, then run again.";

/** Where bootstrapPoetry puts Poetry. */
export function bootstrappedPoetryPath(toolsDir: string): string {
  return pipInstalledToolPath(toolsDir, "poetry");
}

/** Finds a working Poetry: explicit option, SNAKEPIT_POETRY, PATH, ~/.local/bin, the tools folder. */
export async function findPoetry(options: FindPoetryOptions): Promise<FoundPoetry | { readonly problem: string } | undefined> {
  const name = process.platform === "win32" ? "poetry.exe" : "poetry";
  const candidates = [
    ...(options.explicit ? [{ path: options.explicit, source: "adapter options", explicit: true }] : []),
    ...(options.env["SNAKEPIT_POETRY"] ? [{ path: options.env["SNAKEPIT_POETRY"], source: "SNAKEPIT_POETRY", explicit: true }] : []),
    ...(options.env["PATH"] ?? "").split(delimiter).filter(Boolean).map((folder) => ({ path: join(folder, name), source: "PATH", explicit: false })),
    { path: join(options.env["HOME"] ?? homedir(), ".local", "bin", name), source: "~/.local/bin", explicit: false },
    { path: bootstrappedPoetryPath(options.toolsDir), source: `bootstrapped into ${join(options.toolsDir, "poetry-venv")}`, explicit: false },
  ];
  for (const candidate of candidates) {
    const runs = await access(candidate.path, constants.X_OK).then(() => true, () => false);
    const version = runs ? await poetryVersion(candidate.path, options.env) : undefined;
    if (version) return { executable: candidate.path, version, source: candidate.source };
    if (candidate.explicit) return { problem: `${candidate.source} names ${candidate.path}, which is not a working Poetry executable.` };
  }
  return undefined;
}

async function poetryVersion(executable: string, env: Readonly<Record<string, string | undefined>>): Promise<string | undefined> {
  const result = await runCommand(executable, ["--version"], { env });
  return result.exitCode === 0 ? (/version ([^\s)]+)/.exec(result.stdout)?.[1] ?? result.stdout.trim()) : undefined;
}

/**
 * Installs Poetry with pip into a private venv in the tools folder, the way
 * its documentation allows (`python3 -m venv`, then `pip install poetry`), so
 * Poetry's own dependencies never touch an environment Snakepit builds.
 *
 * @example
 * await bootstrapPoetry({ toolsDir: ".snakepit/tools", python: "python3", env: process.env });
 */
export async function bootstrapPoetry(options: {
  readonly toolsDir: string;
  readonly python: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: ProgressEvent) => void;
}): Promise<FoundPoetry> {
  return pipInstalledTool({
    ...options, name: "poetry", displayName: "Poetry", manager: "poetry", installAdvice: poetryInstallAdvice,
    expectedDuration: "about half a minute", version: (executable) => poetryVersion(executable, options.env),
  });
}
