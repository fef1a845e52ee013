import { join } from "node:path";
import type { Command, CommandContext } from "../cli/command.js";
import { LockFileError } from "../cli/cli-errors.js";
import { generateBindings } from "../codegen/generate-bindings.js";
import { writeGeneratedFiles, type WriteOutcome } from "../codegen/write-generated.js";
import { findConfigFile } from "../config/config-file.js";
import { loadConfig } from "../config/load-config.js";
import { loadUserTypes } from "../config/load-user-types.js";
import { catalogHash } from "../lock/catalog-hash.js";
import type { CatalogLock } from "../lock/catalog-lock.js";
import { readLockFile } from "../lock/lock-file.js";

/** `snakepit generate`: catalog.lock.json → TypeScript, without Python. */
export const generateCommand: Command = {
  name: "generate",
  summary: "write typed wrappers from .snakepit/catalog.lock.json (no Python needed)",
  usage: "snakepit generate [--out snakepit.generated.ts] [--check]\n\n--check writes nothing and exits 6 when the lock is older than the config or the generated files differ (for CI).",
  options: { out: { type: "string" }, check: { type: "boolean" } },
  async run(context) {
    const lock = await readLockFile(context.projectDir);
    await checkLockMatchesConfig(context, lock);
    const outcome = await writeBindings(context, lock);
    if (context.options.check && (outcome.changed.length || outcome.removed.length)) {
      throw new LockFileError(`The generated wrappers are out of date (${[...outcome.changed, ...outcome.removed].length} files differ). Run \`snakepit generate\` and commit the result.`);
    }
    return outcome;
  },
};

/** Generates into the project; shared with `sync` and `dev`. */
export async function writeBindings(context: CommandContext, lock: CatalogLock): Promise<WriteOutcome & { readonly outFile: string }> {
  const fileName = typeof context.options.out === "string" ? context.options.out : "snakepit.generated.ts";
  const outFile = join(context.projectDir, fileName);
  const slash = fileName.lastIndexOf("/");
  const directory = slash >= 0 ? join(context.projectDir, fileName.slice(0, slash)) : context.projectDir;
  const files = generateBindings(lock, { fileName: fileName.slice(slash + 1), userTypes: await userTypesOf(context) });
  const outcome = await writeGeneratedFiles(directory, files, { check: Boolean(context.options.check) });
  if (!context.options.check) {
    context.output.say(outcome.written.length ? `Generated ${outFile} (${outcome.written.length} files written${outcome.removed.length ? `, ${outcome.removed.length} removed` : ""}).` : `${outFile} is up to date.`);
  }
  return { ...outcome, outFile };
}

/** The user's TS types for the Python classes they map (config `types.typescript`); none without a config. */
async function userTypesOf(context: CommandContext) {
  if (!context.configFile && !findConfigFile(context.projectDir)) return new Map();
  const { config } = await loadConfig(context.projectDir, context.configFile ? { file: context.configFile } : {});
  return loadUserTypes(config, context.projectDir);
}

/** A lock from another configuration generates the wrong wrappers: warn, or fail under --check. */
async function checkLockMatchesConfig(context: CommandContext, lock: CatalogLock): Promise<void> {
  if (!context.configFile && !findConfigFile(context.projectDir)) return;
  const { config } = await loadConfig(context.projectDir, context.configFile ? { file: context.configFile } : {});
  if (catalogHash(config.libraries) === lock.catalogHash) return;
  const message = "The libraries in the configuration changed since .snakepit/catalog.lock.json was written; the wrappers follow the lock. Run `snakepit sync` to update it.";
  if (context.options.check) throw new LockFileError(message);
  context.output.warn(message);
}
