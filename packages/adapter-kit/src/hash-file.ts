import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";

/**
 * sha256 of a file's bytes, or "" when it does not exist. A missing file is a
 * value here, not an error: "no lock yet" must compare unequal to any lock.
 *
 * @example
 * await hashFile("/project/.snakepit/envs/main/uv.lock") // "9f86d0…"
 */
export async function hashFile(file: string): Promise<string> {
  try {
    return createHash("sha256").update(await readFile(file)).digest("hex");
  } catch {
    return "";
  }
}
