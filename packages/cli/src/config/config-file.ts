import { existsSync } from "node:fs";
import { join } from "node:path";

/** File names tried, in order, when looking for a project's configuration. */
export const configFileNames = ["snakepit.config.ts", "snakepit.config.mts", "snakepit.config.js", "snakepit.config.mjs"] as const;

/** The configuration file in `projectDir`, or undefined when there is none. */
export function findConfigFile(projectDir: string): string | undefined {
  return configFileNames.map((name) => join(projectDir, name)).find((path) => existsSync(path));
}
