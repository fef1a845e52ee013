import { mkdir, readdir, readFile, rm, rmdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { generatedMarker, type GeneratedFile } from "./generate-bindings.js";

/** What writing (or checking) the generated files found. */
export interface WriteOutcome {
  readonly written: readonly string[];
  /** Generated files from an earlier run that the lock no longer produces. */
  readonly removed: readonly string[];
  /** Files whose content differs from what is on disk (all of them when nothing was there). */
  readonly changed: readonly string[];
}

/**
 * Writes generated files under `directory` and deletes generated files the
 * lock no longer produces (a library removed from the config). Only files
 * that start with the generated marker are ever deleted. With `check`,
 * nothing is written: the outcome says what would change (CI's "is the
 * checked-in code up to date?").
 */
export async function writeGeneratedFiles(directory: string, files: readonly GeneratedFile[], options: { readonly check?: boolean } = {}): Promise<WriteOutcome> {
  const wanted = new Map(files.map((file) => [join(directory, file.path), file.text]));
  const changed: string[] = [];
  for (const [path, text] of wanted) {
    if ((await readFile(path, "utf8").catch(() => undefined)) !== text) changed.push(path);
  }
  const folders = [...new Set(files.map((file) => file.path.split("/")[0] ?? "").filter((name) => !name.endsWith(".ts")))];
  const stale: string[] = [];
  for (const folder of folders) {
    for (const path of await listFiles(join(directory, folder))) {
      if (!wanted.has(path) && (await readFile(path, "utf8").catch(() => "")).startsWith(generatedMarker)) stale.push(path);
    }
  }
  if (options.check) return { written: [], removed: stale, changed };
  for (const path of changed) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, wanted.get(path) ?? "");
  }
  for (const path of stale) {
    await rm(path);
    await rmdir(dirname(path)).catch(() => undefined); // only succeeds when the folder is now empty
  }
  return { written: changed, removed: stale, changed };
}

async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}
