import { existsSync } from "node:fs";
import { stat } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ConfigError, typeRegistry, type SnakepitConfig, type TsTypeMapping } from "@snakepit/core";
import { resolveCoreFromThisPackage } from "./core-resolution.js";

/**
 * Imports the TypeScript modules named in the config's `types.typescript`
 * (Node 24 strips their types) so that their `typeRegistry.register(...)`
 * calls run in this process, and returns the Python → TypeScript mapping the
 * generated wrappers use. Paths are relative to the project folder. An
 * edited module is imported again (keyed on its modification time), so
 * `snakepit dev` picks up a new registration without restarting.
 *
 * The modules must register with the same `@snakepit/core` the CLI runs
 * (a project's own copy, or the CLI's when the project has none).
 *
 * @example
 * // snakepit.config.ts: types: { typescript: ["./src/snakepit-types.ts"], python: ["myproject.snakepit_types"] }
 * const userTypes = await loadUserTypes(config, projectDir); // Map { "myproject.geometry.Point" => { tsType: "Point", … } }
 */
export async function loadUserTypes(config: SnakepitConfig, projectDir: string): Promise<Map<string, TsTypeMapping>> {
  const modules = config.types?.typescript ?? [];
  if (!modules.length) return new Map();
  resolveCoreFromThisPackage();
  for (const [index, module] of modules.entries()) {
    const file = isAbsolute(module) ? module : resolve(projectDir, module);
    if (!existsSync(file)) {
      throw new ConfigError(`types.typescript[${index}]: ${module} does not exist (looked for ${file}). Give the path of the module that calls typeRegistry.register, relative to the project folder.`);
    }
    const url = pathToFileURL(file);
    const { mtimeMs, size } = await stat(file);
    url.searchParams.set("version", `${mtimeMs}-${size}`);
    try {
      await import(url.href);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ConfigError(`types.typescript[${index}]: ${module} could not be imported: ${reason}\nFix the module so that Node can import it (TypeScript types are stripped: enums, namespaces and constructor parameter properties are not supported).`, [], { cause: error });
    }
  }
  const mapping = typeRegistry.tsTypeMap();
  if (!mapping.size) {
    throw new ConfigError(`types.typescript: ${modules.join(", ")} registered no type with both pythonType and tsType. Register each class with typeRegistry.register({ name, pythonType, tsType, tsImport, is, toWire, fromWire }) from "@snakepit/core".`);
  }
  return mapping;
}
