/*
 * The environment-manager selection chain. It lives in the CLI because only the
 * composition root may depend on every adapter. `snakepit doctor` prints the reason.
 */
import { homedir } from "node:os";
import { join } from "node:path";
import type { EnvironmentManager } from "@snakepit/core";
import { CondaEnvironmentManager, hasEnvironmentFile } from "@snakepit/adapter-conda";
import { isPoetryProject, PoetryEnvironmentManager } from "@snakepit/adapter-poetry";
import { UvEnvironmentManager } from "@snakepit/adapter-uv";
import { VenvEnvironmentManager } from "@snakepit/adapter-venv";

export type ManagerChoice = "auto" | "uv" | "poetry" | "conda" | "venv";

/** The manager chosen for a project, and why (for `snakepit doctor`). */
export interface ManagerSelection {
  readonly manager: EnvironmentManager;
  readonly reason: string;
}

/**
 * The user's explicit choice, else uv (found or bootstrapped), else Poetry when the
 * project is a Poetry project, else conda when an environment.yml is present, else
 * plain venv. uv comes before the project checks because it is the default and works
 * for any project; the others are fallbacks for machines where uv cannot run.
 *
 * @example
 * const { manager, reason } = await selectEnvironmentManager({ projectDir: process.cwd(), choice: config.environment?.manager });
 */
export async function selectEnvironmentManager(options: { readonly projectDir: string; readonly choice?: ManagerChoice }): Promise<ManagerSelection> {
  const toolsDir = sharedToolsDir();
  const explicit: Record<Exclude<ManagerChoice, "auto">, () => EnvironmentManager> = {
    uv: () => new UvEnvironmentManager({ toolsDir }),
    poetry: () => new PoetryEnvironmentManager({ toolsDir }),
    conda: () => new CondaEnvironmentManager(),
    venv: () => new VenvEnvironmentManager(),
  };
  if (options.choice && options.choice !== "auto") return { manager: explicit[options.choice](), reason: `chosen in the config (environment.manager = "${options.choice}")` };

  const uv = new UvEnvironmentManager({ toolsDir });
  const uvDetection = await uv.detect();
  if (uvDetection.available) return { manager: uv, reason: `uv ${uvDetection.version} (${uvDetection.source}) is the default` };

  if (await isPoetryProject(options.projectDir)) {
    const poetry = new PoetryEnvironmentManager({ toolsDir });
    const detection = await poetry.detect();
    if (detection.available) return { manager: poetry, reason: `uv is unavailable (${uvDetection.reason}); pyproject.toml has [tool.poetry]` };
  }
  if (await hasEnvironmentFile(options.projectDir)) {
    const conda = new CondaEnvironmentManager();
    const detection = await conda.detect();
    if (detection.available) return { manager: conda, reason: `uv is unavailable (${uvDetection.reason}); environment.yml is present and ${detection.source} was found` };
  }
  return { manager: new VenvEnvironmentManager(), reason: `uv is unavailable (${uvDetection.reason}); falling back to python -m venv and pip` };
}

/**
 * Where bootstrapped tools (uv, Poetry) live: once per user, not once per
 * project, so a second project never pays the bootstrap again.
 * `SNAKEPIT_TOOLS_DIR` overrides it; the adapters still look in a project's
 * own `.snakepit/tools` first.
 */
export function sharedToolsDir(): string {
  return process.env.SNAKEPIT_TOOLS_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "snakepit", "tools");
}
