import type { Command, CommandContext } from "../cli/command.js";
import { findConfigFile } from "../config/config-file.js";
import { loadConfig } from "../config/load-config.js";
import { readLockFile } from "../lock/lock-file.js";
import { localLibraryFolders, watchProject, type ProjectChange } from "../runtime/watch-project.js";
import { syncCommand } from "./sync.js";
import { writeBindings } from "./generate.js";

/**
 * `snakepit dev`: syncs, then watches snakepit.config.ts, the local Python
 * libraries (`path` entries, installed editable) and the TS type modules
 * (`types.typescript`). A config or Python change syncs again (the
 * signatures may have changed, so Python is asked again and the wrappers are
 * regenerated); a type module change only regenerates. A failed run is
 * reported and the watch goes on, so fixing a typo is a save away. Running
 * applications pick the changes up with `startSnakepit({ watch: true })`,
 * which rolls their workers.
 */
export const devCommand: Command = {
  name: "dev",
  summary: "sync, then watch the config, local Python libraries and type modules, and regenerate on every change",
  usage: "snakepit dev [--out snakepit.generated.ts]\n\nRuns until interrupted (Ctrl-C).",
  options: { out: { type: "string" } },
  async run(context) {
    const file = context.configFile ?? findConfigFile(context.projectDir);
    await reportFailure(context, () => syncCommand.run(context));
    if (!file) return { watched: undefined };
    let paths: readonly string[] = [];
    let stop: () => Promise<void> = async () => undefined;
    // A config change may add or drop local libraries: the watch starts again on what the config now says.
    const watch = async (): Promise<() => Promise<void>> => {
      const config = await loadConfig(context.projectDir, { file }).then((loaded) => loaded.config, () => undefined);
      paths = [file, ...(config ? localLibraryFolders(config, context.projectDir) : []), ...(config?.types?.typescript ?? [])];
      context.output.say(`Watching ${paths.join(", ")}. Ctrl-C stops.`);
      return watchProject({ config: config ?? { libraries: {} }, projectDir: context.projectDir, configFile: file }, async (changes) => {
        await reportFailure(context, () => onChanges(context, changes));
        if (changes.some((change) => change.kind === "config") && !context.signal.aborted) {
          const previous = stop;
          stop = await watch();
          // Not awaited: it would wait for this very callback.
          void previous();
        }
      });
    };
    stop = await watch();
    await new Promise<void>((resolve) => context.signal.addEventListener("abort", () => resolve(), { once: true }));
    await stop();
    return { watched: paths };
  },
};

async function onChanges(context: CommandContext, changes: readonly ProjectChange[]): Promise<void> {
  const names = changes.map((change) => change.file).join(", ");
  if (changes.every((change) => change.kind === "types")) {
    context.output.say(`${names} changed: generating.`);
    await writeBindings(context, await readLockFile(context.projectDir));
    return;
  }
  context.output.say(`${names} changed: syncing.`);
  await syncCommand.run(context);
}

async function reportFailure(context: CommandContext, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    context.output.error((error as Error).message);
  }
}
