import { existsSync, watch, type FSWatcher } from "node:fs";
import { basename, dirname, isAbsolute, resolve } from "node:path";
import type { SnakepitConfig } from "@snakepit/core";

/** What changed, for the log line and for deciding whether the config must be read again. */
export interface ProjectChange {
  readonly kind: "config" | "lock" | "python" | "types";
  readonly file: string;
}

/** The files a running project depends on: its config, its catalog lock, its local Python libraries, its TS type registrations. */
export interface WatchedProject {
  readonly configFile?: string;
  readonly lockFile?: string;
  readonly config: SnakepitConfig;
  readonly projectDir: string;
}

/** Folders of the libraries declared with a local `path` (installed editable: edits show in fresh workers). */
export function localLibraryFolders(config: SnakepitConfig, projectDir: string): string[] {
  const libraries = [...Object.values(config.libraries), ...Object.values(config.tenants ?? {}).flatMap((tenant) => Object.values(tenant.libraries ?? {}))];
  const folders = libraries.flatMap((library) => (library.path ? [isAbsolute(library.path) ? library.path : resolve(projectDir, library.path)] : []));
  return [...new Set(folders)];
}

/**
 * Watches the project and calls `onChange` once per burst of edits (editors
 * save in several writes), never twice at once: the next run waits for the
 * previous one. Python edits count for `.py` files and `pyproject.toml`;
 * caches (`__pycache__`) do not. Returns the function that stops watching
 * and waits for a run in progress.
 *
 * @example
 * const stop = watchProject({ config, projectDir, configFile }, (changes) => pool.restartWorkers());
 */
export function watchProject(project: WatchedProject, onChange: (changes: readonly ProjectChange[]) => Promise<void>, settleMs = 200): () => Promise<void> {
  const watchers: FSWatcher[] = [];
  let pending: ProjectChange[] = [];
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const noticed = (change: ProjectChange) => {
    if (!pending.some((known) => known.file === change.file)) pending.push(change);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const changes = pending;
      pending = [];
      running = running.then(() => onChange(changes)).catch(() => undefined);
    }, settleMs);
  };
  // Watching the folder, not the file: editors replace files on save, which ends a watch on the file itself.
  const watchFile = (file: string | undefined, kind: ProjectChange["kind"]) => {
    if (!file || !existsSync(dirname(file))) return;
    watchers.push(watch(dirname(file), (_event, name) => {
      if (name === basename(file)) noticed({ kind, file });
    }));
  };
  watchFile(project.configFile, "config");
  watchFile(project.lockFile, "lock");
  for (const module of project.config.types?.typescript ?? []) watchFile(isAbsolute(module) ? module : resolve(project.projectDir, module), "types");
  for (const folder of localLibraryFolders(project.config, project.projectDir)) {
    if (!existsSync(folder)) continue;
    watchers.push(watch(folder, { recursive: true }, (_event, name) => {
      const file = name ? String(name) : "";
      if (file.includes("__pycache__") || !(file.endsWith(".py") || file.endsWith("pyproject.toml"))) return;
      noticed({ kind: "python", file: resolve(folder, file) });
    }));
  }
  return async () => {
    for (const watcher of watchers) watcher.close();
    clearTimeout(timer);
    await running;
  };
}
