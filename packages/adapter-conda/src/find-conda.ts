import { access, constants } from "node:fs/promises";
import { basename, delimiter, join } from "node:path";
import { runCommand } from "@snakepit/adapter-kit";

/** A conda-compatible executable that answered `--version`. */
export interface FoundConda {
  readonly executable: string;
  /** "conda", "mamba" or "micromamba": they share the commands Snakepit uses. */
  readonly flavor: string;
  readonly version: string;
  readonly source: string;
}

/**
 * Finds conda, mamba or micromamba, in that order of preference: an explicit
 * executable (adapter option, SNAKEPIT_CONDA), CONDA_EXE (set by an activated
 * conda), then PATH. Conda is never bootstrapped: installing a distribution
 * is the user's choice.
 */
export async function findConda(options: { readonly explicit?: string; readonly env: Readonly<Record<string, string | undefined>> }): Promise<FoundConda | undefined> {
  const folders = (options.env["PATH"] ?? "").split(delimiter).filter(Boolean);
  const candidates = [
    ...(options.explicit ? [{ path: options.explicit, source: "adapter options" }] : []),
    ...(options.env["SNAKEPIT_CONDA"] ? [{ path: options.env["SNAKEPIT_CONDA"], source: "SNAKEPIT_CONDA" }] : []),
    ...(options.env["CONDA_EXE"] ? [{ path: options.env["CONDA_EXE"], source: "CONDA_EXE" }] : []),
    ...["conda", "mamba", "micromamba"].flatMap((name) => folders.map((folder) => ({ path: join(folder, name), source: "PATH" }))),
  ];
  for (const candidate of candidates) {
    if (!(await access(candidate.path, constants.X_OK).then(() => true, () => false))) continue;
    const result = await runCommand(candidate.path, ["--version"], { env: options.env });
    if (result.exitCode !== 0) continue;
    const output = `${result.stdout} ${result.stderr}`.trim();
    const flavor = /micromamba/.test(candidate.path) ? "micromamba" : /mamba/.test(basename(candidate.path)) ? "mamba" : "conda";
    return { executable: candidate.path, flavor, version: /(\d+\.\d+(?:\.\d+)?)/.exec(output)?.[1] ?? output, source: candidate.source };
  }
  return undefined;
}
