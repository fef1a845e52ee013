import { pipInstalledTool } from "@snakepit/adapter-kit";
import type { ProgressEvent } from "@snakepit/core";
import { uvVersion, type FoundUv } from "./find-uv.js";

export interface BootstrapUvOptions {
  readonly toolsDir: string;
  /** Interpreter that creates the tools venv; default "python3". */
  readonly python: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: ProgressEvent) => void;
}

/** The two ways out when uv is missing and cannot be installed. */
export const uvInstallAdvice =
  "Either install uv yourself (https://docs.astral.sh/uv/getting-started/installation/, e.g. `pipx install uv`) "
  + "and make it findable on PATH or with SNAKEPIT_UV=/path/to/uv, or make `python3 -m venv` and `pip install uv` work "
  + "(a Python with the venv module and access to a package index), then run again.";

/**
 * Installs uv from the package index into a private venv in the tools folder
 * (`<tools>/uv-venv`; see pipInstalledTool), because asking users to install
 * a tool first is the step they skip.
 *
 * @example
 * const uv = await bootstrapUv({ toolsDir: ".snakepit/tools", python: "python3", env: process.env });
 */
export async function bootstrapUv(options: BootstrapUvOptions): Promise<FoundUv> {
  return pipInstalledTool({
    ...options, name: "uv", displayName: "uv", manager: "uv", installAdvice: uvInstallAdvice,
    version: (executable) => uvVersion(executable, options.env),
  });
}
