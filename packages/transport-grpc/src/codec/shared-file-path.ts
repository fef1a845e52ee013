import { realpathSync } from "node:fs";
import { basename, dirname } from "node:path";
import { CodecError } from "@snakepit/core";

/**
 * The real path of a shared-memory file a worker named, after checking it is
 * in a snakepit-* folder directly under /dev/shm: a reply must never make
 * Node read or delete anything else. Throws CodecError saying what was wrong.
 */
export function checkedSharedPath(path: string): string {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    throw new CodecError(`The worker's shared-memory file ${path} is gone; it may have been cleaned up after the call was abandoned.`);
  }
  if (dirname(dirname(real)) !== "/dev/shm" || !basename(dirname(real)).startsWith("snakepit-")) throw new CodecError(`The worker named ${path} as a shared-memory file, which is not in a snakepit-* folder under /dev/shm; refusing to read it.`);
  return real;
}
