import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { LockFileError } from "../cli/cli-errors.js";
import { catalogLockVersion, type CatalogLock } from "./catalog-lock.js";

/** Where the lock lives, relative to the project folder. */
export function lockFilePath(projectDir: string): string {
  return join(projectDir, ".snakepit", "catalog.lock.json");
}

/** Writes the lock atomically (temp file + rename), so a crash never leaves half a lock. */
export async function writeLockFile(projectDir: string, lock: CatalogLock): Promise<string> {
  const file = lockFilePath(projectDir);
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(lock, null, 2)}\n`);
  await rename(temporary, file);
  return file;
}

/** Reads and checks the lock; a missing or foreign-version lock says to run `snakepit sync`. */
export async function readLockFile(projectDir: string): Promise<CatalogLock> {
  const file = lockFilePath(projectDir);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new LockFileError(`${file} does not exist. Run \`snakepit sync\` once (it needs Python) to introspect the libraries and write it; commit it so that \`snakepit generate\` and CI need no Python.`);
  }
  let lock: Partial<CatalogLock>;
  try {
    lock = JSON.parse(text) as Partial<CatalogLock>;
  } catch (error) {
    throw new LockFileError(`${file} is not valid JSON (${(error as Error).message}). Delete it and run \`snakepit sync\`.`);
  }
  if (lock.version !== catalogLockVersion || typeof lock.libraries !== "object" || lock.libraries === null) {
    throw new LockFileError(`${file} has format version ${String(lock.version)}, this snakepit reads version ${catalogLockVersion}. Run \`snakepit sync\` to rewrite it.`);
  }
  return lock as CatalogLock;
}
