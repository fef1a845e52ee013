import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Command } from "../cli/command.js";
import { UsageError } from "../cli/cli-errors.js";
import { findConfigFile } from "../config/config-file.js";
import { starterConfig } from "../config/starter-config.js";

/** `snakepit init`: writes a starter snakepit.config.ts. */
export const initCommand: Command = {
  name: "init",
  summary: "write a starter snakepit.config.ts",
  usage: "snakepit init [--force]\n\nWrites snakepit.config.ts in the project folder. --force overwrites an existing one.",
  options: { force: { type: "boolean" } },
  async run({ projectDir, options, output }) {
    const existing = findConfigFile(projectDir);
    if (existing && !options.force) {
      throw new UsageError(`${existing} already exists. Edit it, or run \`snakepit init --force\` to replace it with the starter.`);
    }
    const file = join(projectDir, "snakepit.config.ts");
    await writeFile(file, starterConfig);
    output.say(`Wrote ${file}.`);
    output.say("Next: declare your libraries in it (or `npx snakepit add <package>`), then run `npx snakepit sync`.");
    if (!existsSync(join(projectDir, ".gitignore"))) output.say("Tip: ignore .snakepit/envs/ in git, and commit .snakepit/catalog.lock.json.");
    return { file };
  },
};
