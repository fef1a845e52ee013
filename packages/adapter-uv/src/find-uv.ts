import { access, constants } from "node:fs/promises";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";
import { pipInstalledToolPath, runCommand } from "@snakepit/adapter-kit";

/** An uv executable that answered `uv --version`. */
export interface FoundUv {
  readonly executable: string;
  readonly version: string;
  /** Where it was found: "SNAKEPIT_UV", "PATH", "~/.local/bin", "tools folder", … */
  readonly source: string;
}

export interface FindUvOptions {
  /** Explicit executable from the adapter options; tried first. */
  readonly explicit?: string;
  readonly toolsDir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

const executableName = process.platform === "win32" ? "uv.exe" : "uv";

/** The places uv may live, in order of preference, with a label saying why each is looked at. */
export function uvCandidates(options: FindUvOptions): Array<{ readonly path: string; readonly source: string }> {
  const candidates: Array<{ path: string; source: string }> = [];
  if (options.explicit) candidates.push({ path: options.explicit, source: "adapter options" });
  const fromVariable = options.env["SNAKEPIT_UV"];
  if (fromVariable) candidates.push({ path: fromVariable, source: "SNAKEPIT_UV" });
  for (const folder of (options.env["PATH"] ?? "").split(delimiter).filter(Boolean)) {
    candidates.push({ path: join(folder, executableName), source: "PATH" });
  }
  const home = options.env["HOME"] ?? homedir();
  candidates.push({ path: join(home, ".local", "bin", executableName), source: "~/.local/bin" });
  candidates.push({ path: join(home, ".cargo", "bin", executableName), source: "~/.cargo/bin" });
  candidates.push({ path: join(options.toolsDir, executableName), source: "tools folder" });
  candidates.push({ path: bootstrappedUvPath(options.toolsDir), source: `bootstrapped into ${join(options.toolsDir, "uv-venv")}` });
  return candidates;
}

/** Where bootstrapUv puts uv. */
export function bootstrappedUvPath(toolsDir: string): string {
  return pipInstalledToolPath(toolsDir, "uv");
}

/**
 * Finds a working uv without installing anything. An explicit path that does
 * not work is reported rather than skipped, because the user asked for it.
 */
export async function findUv(options: FindUvOptions): Promise<FoundUv | { readonly problem: string } | undefined> {
  for (const candidate of uvCandidates(options)) {
    const explicit = candidate.source === "adapter options" || candidate.source === "SNAKEPIT_UV";
    if (!(await isExecutable(candidate.path))) {
      if (explicit) return { problem: `${candidate.source} names ${candidate.path}, which is not an executable file.` };
      continue;
    }
    const version = await uvVersion(candidate.path, options.env);
    if (version) return { executable: candidate.path, version, source: candidate.source };
    if (explicit) return { problem: `${candidate.source} names ${candidate.path}, but "${candidate.path} --version" failed.` };
  }
  return undefined;
}

/** "0.13.9" from `uv --version`, or undefined when it does not run. */
export async function uvVersion(executable: string, env: Readonly<Record<string, string | undefined>>): Promise<string | undefined> {
  const result = await runCommand(executable, ["--version"], { env });
  if (result.exitCode !== 0) return undefined;
  return /uv\s+(\S+)/.exec(result.stdout)?.[1] ?? result.stdout.trim();
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
