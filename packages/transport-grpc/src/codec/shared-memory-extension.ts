import { existsSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { NDArray, type AnyTypedArray } from "@snakepit/core";
import { codeByDtype } from "./extension-types.js";
import { isNumericTypedArray } from "./ndarray-extension.js";

/** Options of the same-host fast path for large arrays. */
export interface SharedMemoryOptions {
  /** Arrays of at least this many bytes go through /dev/shm. Default 1 MB. */
  readonly thresholdBytes?: number;
}

/** Files the worker has not picked up after this long are removed (the call is long gone). */
const abandonedAfterMs = 120_000;

let thresholdBytes = Number.POSITIVE_INFINITY;
let folder = "";
let nextFile = 1;
const written = new Map<string, number>();

/**
 * Turns on the same-host fast path: NDArrays (and typed arrays) of at least
 * `thresholdBytes` are written once to a file in a private 0700 folder under
 * /dev/shm and travel as ext 10 (a small header naming the file); the worker
 * maps the file read-only and unlinks it at once. This beats copying the
 * array through the gRPC socket (see bench/, "1e6 float64 on the same-host
 * fast path").
 *
 * Only for workers on this host (the pool's Unix-socket workers): a remote
 * worker cannot see the file. Returns false, and changes nothing, where
 * there is no /dev/shm.
 *
 * @example
 * enableSharedMemoryTransfers({ thresholdBytes: 1 << 20 });
 */
export function enableSharedMemoryTransfers(options: SharedMemoryOptions = {}): boolean {
  if (!existsSync("/dev/shm")) return false;
  if (!folder) {
    folder = mkdtempSync(join("/dev/shm", "snakepit-"));
    // Files the worker never picked up (a call cancelled before it ran) go with the process.
    process.once("exit", () => rmSync(folder, { recursive: true, force: true }));
  }
  thresholdBytes = options.thresholdBytes ?? 1 << 20;
  return true;
}

/** Turns the fast path off again (arrays travel inside the message). */
export function disableSharedMemoryTransfers(): void {
  thresholdBytes = Number.POSITIVE_INFINITY;
}

/** Whether ext 1 should leave this value to ext 10. */
export function goesThroughSharedMemory(value: unknown): boolean {
  if (thresholdBytes === Number.POSITIVE_INFINITY) return false;
  const bytes = value instanceof NDArray ? value.data.byteLength : isNumericTypedArray(value) ? value.byteLength : 0;
  return bytes >= thresholdBytes;
}

/** Writes the array to its file and returns the ext 10 payload: the ext 1 header, then the file's path. */
export function encodeSharedNDArray(value: unknown): Uint8Array | null {
  if (!goesThroughSharedMemory(value)) return null;
  const array = value instanceof NDArray ? value : NDArray.from(value as AnyTypedArray);
  sweepAbandoned();
  const path = join(folder, `${process.pid}-${nextFile++}.bin`);
  writeFileSync(path, array.bytes(), { mode: 0o600 });
  written.set(path, Date.now());
  const name = new TextEncoder().encode(path);
  const header = new Uint8Array(2 + 4 * array.shape.length + name.byteLength);
  const view = new DataView(header.buffer);
  view.setUint8(0, codeByDtype.get(array.dtype) ?? 0);
  view.setUint8(1, array.shape.length);
  array.shape.forEach((size, index) => view.setUint32(2 + 4 * index, size, true));
  header.set(name, 2 + 4 * array.shape.length);
  return header;
}

/** The worker unlinks what it maps; what is still here long after was never picked up. */
function sweepAbandoned(): void {
  const limit = Date.now() - abandonedAfterMs;
  for (const [path, at] of written) {
    if (at > limit) break;
    written.delete(path);
    try {
      unlinkSync(path);
    } catch {
      // Already unlinked by the worker: the normal case.
    }
  }
}
