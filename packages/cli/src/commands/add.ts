import { readFile, writeFile } from "node:fs/promises";
import { CatalogError, NotFoundError, type CatalogGenerator, type LibrarySpec } from "@snakepit/core";
import type { Command } from "../cli/command.js";
import { UsageError } from "../cli/cli-errors.js";
import { insertLibraryEntry } from "../config/insert-library.js";
import { loadConfig } from "../config/load-config.js";
import { renderLibraryEntry } from "../config/render-library.js";
import { guessModuleName } from "../drafting/module-name.js";
import { RankedCatalogGenerator } from "../drafting/ranked-catalog-generator.js";

/** `snakepit add <package>`: installs a package, drafts its catalog entry, appends it to the config. */
export function addCommand(catalogGenerator?: CatalogGenerator): Command {
  return {
    name: "add",
    summary: "install a package, draft its catalog entry from introspection, add it to the config",
    usage: "snakepit add <requirement> [--module import_name] [--name key] [--max-entries 20]\n\nExample: snakepit add \"scikit-learn>=1.3\"   (module sklearn, key sklearn)\nReview the drafted names, then run `snakepit sync`.",
    options: { module: { type: "string" }, name: { type: "string" }, "max-entries": { type: "string" } },
    async run(context) {
      const [requirement, ...extra] = context.positionals;
      if (!requirement || extra.length) throw new UsageError("add takes one requirement: `snakepit add \"scikit-learn>=1.3\"`.");
      const module = typeof context.options.module === "string" ? context.options.module : guessModuleName(requirement);
      const key = typeof context.options.name === "string" ? context.options.name : (module.split(".").at(-1) ?? module);
      const maxEntries = Number(context.options["max-entries"] ?? 20);
      if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new UsageError("--max-entries must be a positive whole number.");
      const { config, file } = await loadConfig(context.projectDir, context.configFile ? { file: context.configFile } : {});
      if (config.libraries[key]) throw new UsageError(`libraries.${key} is already declared in ${file}. Edit it there, or pass --name to add this package under another key.`);
      const { output } = context;
      output.progress.step(`installing ${requirement}`);
      const running = await context.runtime.start({ config, projectDir: context.projectDir, extraPackages: [requirement], onProgress: (event) => output.progress.environment(event) });
      let library: LibrarySpec;
      let notes: { dropped: readonly string[]; warnings: readonly string[] };
      try {
        const root = await running.snakepit.describe(module, { signal: context.signal }).catch((error: unknown) => {
          if (error instanceof NotFoundError) throw new CatalogError(`${requirement} was installed, but \`import ${module}\` fails. Pass the module's import name with --module (scikit-learn → sklearn).`);
          throw error;
        });
        const generator = catalogGenerator ?? new RankedCatalogGenerator();
        output.progress.step(`drafting the catalog entry for ${module} (${generator.name})`);
        const draft = await generator.generate({
          packageName: root.distribution?.name ?? requirement, module, requirement, introspector: running.snakepit, maxEntries, signal: context.signal,
        });
        library = { ...draft.library, package: requirement, ...(module === key ? { module: undefined } : { module }) };
        notes = draft;
      } finally {
        output.progress.done();
        await running.snakepit.close();
      }
      const source = await readFile(file, "utf8");
      const updated = insertLibraryEntry(source, renderLibraryEntry(key, library, "    "));
      await writeFile(file, updated);
      try {
        await loadConfig(context.projectDir, { file, fresh: true });
      } catch (error) {
        await writeFile(file, source); // never leave the user with a config that does not load
        throw error;
      }
      output.say(`Added libraries.${key} to ${file}: ${(library.functions ?? []).length} functions, ${(library.classes ?? []).length} classes.`);
      for (const warning of notes.warnings) output.warn(warning);
      if (notes.dropped.length) output.say(`Dropped (not found in the installed package): ${notes.dropped.join(", ")}.`);
      output.say("Review the names, then run `npx snakepit sync`.");
      return { file, key, library, dropped: notes.dropped, warnings: notes.warnings };
    },
  };
}
