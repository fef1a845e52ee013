import { runCommand } from "@snakepit/adapter-kit";

/** How to run pip against one venv. */
export interface PipRunner {
  /** Arguments for `python -m venv` (adds --without-pip when a shared pip will do the work). */
  readonly venvArgs: readonly string[];
  /** The executable and leading arguments of `pip …` for the venv whose interpreter is `venvPython`. */
  command(venvPython: string): { readonly file: string; readonly args: readonly string[] };
  /** Said once in the progress log. */
  readonly description: string;
}

/**
 * Prefers the base interpreter's pip driving the venv (`pip --python`, pip ≥
 * 22.3): the venv is then made `--without-pip`, which skips ensurepip and
 * takes a fraction of a second instead of several. Falls back to a venv with
 * its own pip when the base interpreter has no pip or an older one.
 */
export async function choosePipRunner(baseInterpreter: string, env: Readonly<Record<string, string | undefined>>): Promise<PipRunner> {
  const result = await runCommand(baseInterpreter, ["-m", "pip", "--version"], { env }).catch(() => undefined);
  const version = /^pip (\d+)\.(\d+)/.exec(result?.stdout ?? "");
  const major = Number(version?.[1] ?? 0);
  const minor = Number(version?.[2] ?? 0);
  if (result?.exitCode === 0 && (major > 22 || (major === 22 && minor >= 3))) {
    return {
      venvArgs: ["--without-pip"],
      command: (venvPython) => ({ file: baseInterpreter, args: ["-m", "pip", "--python", venvPython] }),
      description: `pip ${major}.${minor} of ${baseInterpreter}, driving venvs made --without-pip`,
    };
  }
  return {
    venvArgs: [],
    command: (venvPython) => ({ file: venvPython, args: ["-m", "pip"] }),
    description: "each venv's own pip (the base interpreter has no pip ≥ 22.3)",
  };
}
