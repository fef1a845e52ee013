import { defineConfig } from "@snakepit/core";
import { findConfigFile } from "../config/config-file.js";
import { loadConfig, type LoadedConfig } from "../config/load-config.js";
import type { CommandContext } from "./command.js";

/** The project's configuration, or an empty one when the project has none (for `call` and `doctor`). */
export async function configOrEmpty(context: CommandContext): Promise<LoadedConfig | { config: ReturnType<typeof defineConfig>; file?: undefined }> {
  if (!context.configFile && !findConfigFile(context.projectDir)) return { config: defineConfig({ libraries: {} }) };
  return loadConfig(context.projectDir, context.configFile ? { file: context.configFile } : {});
}
