import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { pathToFileURL } from "node:url";
import { ConfigError, defineConfig, SnakepitError, type SnakepitConfig } from "@snakepit/core";
import { configFileNames, findConfigFile } from "./config-file.js";
import { resolveCoreFromThisPackage } from "./core-resolution.js";

/** A configuration and where it came from. */
export interface LoadedConfig {
  readonly config: SnakepitConfig;
  /** Absolute path of the file it was read from. */
  readonly file: string;
}

/**
 * Finds and loads snakepit.config.ts (or .mts/.js/.mjs) in `projectDir`,
 * validating it with `defineConfig`. TypeScript configs load natively:
 * Node 24 strips their types. An edited file is loaded again; `fresh` forces it.
 *
 * @example
 * const { config, file } = await loadConfig(process.cwd());
 */
export async function loadConfig(projectDir: string, options: { readonly file?: string; readonly fresh?: boolean } = {}): Promise<LoadedConfig> {
  const file = options.file ?? findConfigFile(projectDir);
  if (!file) {
    throw new ConfigError(`No Snakepit configuration in ${projectDir} (looked for ${configFileNames.join(", ")}). Run \`snakepit init\` to write a starter snakepit.config.ts.`);
  }
  resolveCoreFromThisPackage();
  const url = pathToFileURL(file);
  // Node caches modules by URL: keying on the file's modification time reloads an edited config
  // (watch mode, tests) while an unchanged one stays cached.
  const { mtimeMs, size } = await stat(file);
  url.searchParams.set("version", options.fresh ? `${Date.now()}` : `${mtimeMs}-${size}`);
  let module: { default?: unknown };
  try {
    module = (await import(url.href)) as { default?: unknown };
  } catch (error) {
    if (error instanceof SnakepitError) throw error;
    // defineConfig of another copy of @snakepit/core: same error, different class identity.
    if ((error as { code?: unknown }).code === "CONFIG") throw new ConfigError((error as Error).message, [], { cause: error });
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`${basename(file)} could not be loaded: ${reason}\nFix the file so that Node can import it (TypeScript types are stripped; enums and namespaces are not supported in a config).`, [], { cause: error });
  }
  if (module.default === undefined) {
    throw new ConfigError(`${basename(file)} has no default export. End it with \`export default defineConfig({ libraries: { … } });\`.`);
  }
  return { config: defineConfig(module.default as SnakepitConfig), file };
}
