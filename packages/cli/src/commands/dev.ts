import { watch } from "node:fs";
import type { Command } from "../cli/command.js";
import { findConfigFile } from "../config/config-file.js";
import { lockFilePath } from "../lock/lock-file.js";
import { syncCommand } from "./sync.js";

/**
 * `snakepit dev`: syncs, then watches snakepit.config.ts and syncs again on
 * every change, until Ctrl-C. A failed sync is reported and the watch goes
 * on, so fixing a typo is a save away. (Restarting an application's own
 * workers on change is the application's job; see the README.)
 */
export const devCommand: Command = {
  name: "dev",
  summary: "sync, then watch snakepit.config.ts and sync again on every change",
  usage: "snakepit dev [--out snakepit.generated.ts]\n\nRuns until interrupted (Ctrl-C).",
  options: { out: { type: "string" } },
  async run(context) {
    const file = context.configFile ?? findConfigFile(context.projectDir);
    const once = async () => {
      try {
        await syncCommand.run(context);
      } catch (error) {
        context.output.error((error as Error).message);
      }
    };
    await once();
    if (!file) return { watched: undefined };
    context.output.say(`Watching ${file} (the lock is ${lockFilePath(context.projectDir)}). Ctrl-C stops.`);
    let timer: NodeJS.Timeout | undefined;
    let running = Promise.resolve();
    const watcher = watch(file, () => {
      clearTimeout(timer);
      // Editors write in bursts; wait for the burst to end, and never run two syncs at once.
      timer = setTimeout(() => {
        running = running.then(async () => {
          context.output.say(`${file} changed: syncing.`);
          await once();
        });
      }, 200);
    });
    await new Promise<void>((resolve) => context.signal.addEventListener("abort", () => resolve(), { once: true }));
    watcher.close();
    clearTimeout(timer);
    await running;
    return { watched: file };
  },
};
