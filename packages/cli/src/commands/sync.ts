import type { SnakepitConfig } from "@snakepit/core";
import type { Command, CommandContext } from "../cli/command.js";
import type { RunningSnakepit } from "../cli/runtime-loader.js";
import { lockCatalog } from "../catalog/lock-catalog.js";
import { loadConfig } from "../config/load-config.js";
import type { CatalogLock } from "../lock/catalog-lock.js";
import { writeLockFile } from "../lock/lock-file.js";
import { writeBindings } from "./generate.js";

/** `snakepit sync`: environment → introspection → validation → lock → wrappers. */
export const syncCommand: Command = {
  name: "sync",
  summary: "build the environment, check the catalog against the real libraries, write the lock and the wrappers",
  usage: "snakepit sync [--out snakepit.generated.ts] [--skip-generate]\n\nFails (exit 3) with every missing, misspelled or not-callable name; then nothing is written.",
  options: { out: { type: "string" }, "skip-generate": { type: "boolean" } },
  async run(context) {
    const { config } = await loadConfig(context.projectDir, context.configFile ? { file: context.configFile } : {});
    const { output } = context;
    output.progress.step("preparing the Python environment");
    const running = await context.runtime.start({ config, projectDir: context.projectDir, onProgress: (event) => output.progress.environment(event) });
    try {
      return await lockAndGenerate(context, config, running);
    } finally {
      output.progress.done();
      await running.snakepit.close();
    }
  },
};

/**
 * The part of `sync` after the environment exists: introspect, validate,
 * write the lock and the wrappers. `add` runs it on the runtime it already
 * started, so a new entry needs no second environment build.
 */
export async function lockAndGenerate(context: CommandContext, config: SnakepitConfig, running: RunningSnakepit) {
  const { output } = context;
  const { lock, warnings } = await lockCatalog(config.libraries, running.snakepit, {
    signal: context.signal,
    onLibrary: (key, index, total) => output.progress.step(`introspecting ${key} (${index + 1}/${total})`),
    ...(running.pythonVersion ? { python: running.pythonVersion } : {}),
  });
  output.progress.done();
  for (const warning of warnings) output.warn(warning);
  const lockFile = await writeLockFile(context.projectDir, lock);
  output.say(`Checked ${describeCounts(lock)}; wrote ${lockFile}.`);
  const generated = context.options["skip-generate"] ? undefined : await writeBindings(context, lock);
  return { lockFile, libraries: lock.libraries, warnings, ...(generated ? { generated } : {}) };
}

function describeCounts(lock: CatalogLock): string {
  const libraries = Object.values(lock.libraries);
  const functions = libraries.reduce((sum, library) => sum + library.functions.length + library.modules.reduce((inner, module) => inner + module.functions.length, 0), 0);
  const classes = libraries.reduce((sum, library) => sum + library.classes.length + library.modules.reduce((inner, module) => inner + module.classes.length, 0), 0);
  return `${libraries.length} ${libraries.length === 1 ? "library" : "libraries"}, ${functions} functions, ${classes} classes`;
}
