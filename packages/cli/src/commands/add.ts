import { readFile, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { CatalogError, NotFoundError, type CatalogGenerator, type LibrarySpec } from "@snakepit/core";
import type { Command, CommandContext } from "../cli/command.js";
import { UsageError } from "../cli/cli-errors.js";
import type { RunningSnakepit } from "../cli/runtime-loader.js";
import { insertLibraryEntry, replaceLibraryEntry } from "../config/insert-library.js";
import { loadConfig, type LoadedConfig } from "../config/load-config.js";
import { renderLibraryEntry } from "../config/render-library.js";
import { lineDiff } from "../drafting/line-diff.js";
import { guessModuleName } from "../drafting/module-name.js";
import { selectCatalogGenerator } from "../drafting/select-catalog-generator.js";
import { WorkerPackageMetadataSource } from "../drafting/worker-package-metadata-source.js";
import { lockAndGenerate } from "./sync.js";

/** What `add` was asked to draft. */
interface AddRequest {
  readonly requirement: string;
  readonly module: string;
  readonly key: string;
  readonly maxEntries: number;
}

/**
 * `snakepit add <package>`: installs a package, drafts its catalog entry
 * (introspection, or a model with `--llm`), shows it as a diff against the
 * config, writes it on confirmation or `--yes`, then syncs.
 */
export function addCommand(catalogGenerator?: CatalogGenerator): Command {
  return {
    name: "add",
    summary: "install a package, draft its catalog entry (introspection, or a model with --llm), write it on confirmation, sync",
    usage: [
      "snakepit add <requirement> [--llm] [--model name] [--yes] [--module import_name] [--name key] [--max-entries 20]",
      "",
      "Example: snakepit add \"scikit-learn>=1.3\" --llm   (module sklearn, key sklearn)",
      "--llm drafts with a model on an OpenAI-compatible endpoint (config `llm`: model, baseURL, apiKeyEnv;",
      "or OPENAI_BASE_URL and OPENAI_API_KEY); without a key it drafts from introspection. --model implies --llm.",
      "The draft is shown as a diff against the config; --yes writes it without asking (needed without a terminal).",
    ].join("\n"),
    options: {
      module: { type: "string" }, name: { type: "string" }, "max-entries": { type: "string" },
      llm: { type: "boolean" }, model: { type: "string" }, yes: { type: "boolean", short: "y" },
    },
    async run(context) {
      const request = parseRequest(context);
      const loaded = await loadConfig(context.projectDir, context.configFile ? { file: context.configFile } : {});
      const { output } = context;
      output.progress.step(`installing ${request.requirement}`);
      const running = await context.runtime.start({ config: loaded.config, projectDir: context.projectDir, extraPackages: [request.requirement], onProgress: (event) => output.progress.environment(event) });
      try {
        return await draftAndWrite(context, request, loaded, running, catalogGenerator);
      } finally {
        output.progress.done();
        await running.snakepit.close();
      }
    },
  };
}

function parseRequest(context: CommandContext): AddRequest {
  const [requirement, ...extra] = context.positionals;
  if (!requirement || extra.length) throw new UsageError("add takes one requirement: `snakepit add \"scikit-learn>=1.3\"`.");
  const module = typeof context.options.module === "string" ? context.options.module : guessModuleName(requirement);
  const key = typeof context.options.name === "string" ? context.options.name : (module.split(".").at(-1) ?? module);
  const maxEntries = Number(context.options["max-entries"] ?? 20);
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new UsageError("--max-entries must be a positive whole number.");
  return { requirement, module, key, maxEntries };
}

async function draftAndWrite(context: CommandContext, request: AddRequest, loaded: LoadedConfig, running: RunningSnakepit, bound: CatalogGenerator | undefined) {
  const { output } = context;
  const { requirement, module, key } = request;
  const root = await running.snakepit.describe(module, { signal: context.signal }).catch((error: unknown) => {
    if (error instanceof NotFoundError) throw new CatalogError(`${requirement} was installed, but \`import ${module}\` fails. Pass the module's import name with --module (scikit-learn → sklearn).`);
    throw error;
  });
  const model = typeof context.options.model === "string" ? context.options.model : undefined;
  const metadata = new WorkerPackageMetadataSource(running.snakepit, (name, reason) => output.warn(`could not read the metadata of ${name} (${reason}); the model drafts without its README.`));
  const { generator, fallback } = selectCatalogGenerator({ bound, llm: Boolean(context.options.llm) || model !== undefined, model, config: loaded.config, environment: context.environment, metadata });
  if (fallback) output.warn(fallback);
  output.progress.step(`drafting the catalog entry for ${module} (${generator.name})`);
  const draft = await generator.generate({
    packageName: root.distribution?.name ?? requirement, module, requirement, introspector: running.snakepit, maxEntries: request.maxEntries, signal: context.signal,
  });
  output.progress.done();
  const library: LibrarySpec = {
    ...draft.library,
    package: requirement,
    module: module === key ? undefined : module,
    // The record of what drafted the entry: generators set it; a bound one that did not still gets one.
    generatedBy: draft.library.generatedBy ?? { generator: generator.name, at: new Date().toISOString() },
  };
  const entry = renderLibraryEntry(key, library, "    ");
  const existing = loaded.config.libraries[key];
  const diff = existing ? lineDiff(renderLibraryEntry(key, existing, "    ").split("\n"), entry.split("\n")) : entry.split("\n").map((line) => `+ ${line}`);
  const via = library.generatedBy?.model ? `${library.generatedBy.generator}, ${library.generatedBy.model}` : (library.generatedBy?.generator ?? generator.name);
  output.say(`${existing ? "Changes to" : "New entry"} libraries.${key} in ${basename(loaded.file)} (drafted by ${via}: ${(library.functions ?? []).length} functions, ${(library.classes ?? []).length} classes):`);
  for (const line of diff) output.say(line);
  if (draft.dropped.length) output.say(`Dropped (not found in the installed package): ${draft.dropped.join(", ")}.`);
  for (const warning of draft.warnings) output.warn(warning);
  const summary = { file: loaded.file, key, library, diff, generator: generator.name, dropped: draft.dropped, warnings: draft.warnings, ...(fallback ? { fallback } : {}) };

  if (!(await confirmed(context, loaded.file))) return { ...summary, written: false };
  const config = await writeEntry(loaded.file, context.projectDir, key, entry, Boolean(existing));
  output.say(`Wrote libraries.${key} to ${loaded.file}.`);
  const synced = await lockAndGenerate(context, config, running);
  output.say("Review the names in the config; edit and run `npx snakepit sync` to change them.");
  return { ...summary, written: true, sync: synced };
}

/** --yes, or the answer at the terminal; without a terminal, the draft is only shown. */
async function confirmed(context: CommandContext, file: string): Promise<boolean> {
  if (context.options.yes) return true;
  if (!context.prompt.interactive) {
    context.output.say(`Not written: there is no terminal to confirm on. Pass --yes to write this entry to ${basename(file)}.`);
    return false;
  }
  const answer = await context.prompt.confirm(`Write this entry to ${basename(file)}? [y/N]`, { signal: context.signal });
  if (!answer) context.output.say("Not written.");
  return answer;
}

/** Writes the entry into the config source and loads the result; a config that no longer loads is put back. */
async function writeEntry(file: string, projectDir: string, key: string, entry: string, replace: boolean) {
  const source = await readFile(file, "utf8");
  await writeFile(file, replace ? replaceLibraryEntry(source, key, entry) : insertLibraryEntry(source, entry));
  try {
    return (await loadConfig(projectDir, { file, fresh: true })).config;
  } catch (error) {
    await writeFile(file, source); // never leave the user with a config that does not load
    throw error;
  }
}
