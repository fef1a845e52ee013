import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { CodecError, NDArray, type AnyTypedArray } from "@snakepit/core";
import { codeByDtype, dtypeByCode } from "./extension-types.js";
import { isNumericTypedArray, ndarrayHeaderBytes } from "./ndarray-extension.js";
import { readAndReleaseSharedFile, writeToSharedFile } from "./shared-file-slots.js";
import { checkedSharedPath } from "./shared-file-path.js";
import { takePrefetched } from "./shared-file-prefetch.js";

/** Options of the same-host fast path for large arrays. */
export interface SharedMemoryOptions {
  /** Arrays of at least this many bytes go through /dev/shm. Default 1 MB. */
  readonly thresholdBytes?: number;
}

let thresholdBytes = Number.POSITIVE_INFINITY;
let folder = "";

/**
 * Turns on the same-host fast path: NDArrays (and typed arrays) of at least
 * `thresholdBytes` are written once to a file in a private 0700 folder under
 * /dev/shm and travel as ext 10 (a small header naming the file); the worker
 * maps the file read-only and gives it back when the array is garbage
 * collected, so the next transfer overwrites pages that already exist (see
 * shared-file-slots.ts). This beats copying the
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

/** The private folder the array files go to; empty until the fast path was first enabled. */
export function sharedMemoryFolder(): string {
  return folder;
}

/** Turns the fast path off again (arrays travel inside the message). */
export function disableSharedMemoryTransfers(): void {
  thresholdBytes = Number.POSITIVE_INFINITY;
}

/** Whether ext 1 should leave this value to ext 10. */
export function goesThroughSharedMemory(value: unknown): boolean {
  const bytes = value instanceof NDArray ? value.data.byteLength : isNumericTypedArray(value) ? value.byteLength : 0;
  return isLargeEnough(bytes);
}

/** Whether a payload of this size takes the fast path (false while it is off or suspended). */
export function isLargeEnough(bytes: number): boolean {
  return suspended === 0 && bytes >= thresholdBytes;
}

let suspended = 0;

/**
 * Runs `work` with the fast path off, whatever the process enabled: for the
 * codec of a worker on another machine, which cannot see our /dev/shm and
 * must not make us read files from it. Encoding and decoding are synchronous,
 * so no other codec runs while the fast path is suspended.
 */
export function withoutSharedMemory<T>(work: () => T): T {
  suspended++;
  try {
    return work();
  } finally {
    suspended--;
  }
}

/**
 * Writes the chunks, in order, to a file of the private folder (a reused
 * slot when one was given back) and returns its path, UTF-8 encoded.
 * Taking chunks lets an Arrow stream go to the file without first being
 * joined into one buffer.
 */
export function writeSharedFile(chunks: Uint8Array | readonly Uint8Array[]): Uint8Array {
  return new TextEncoder().encode(writeToSharedFile(folder, chunks instanceof Uint8Array ? [chunks] : chunks));
}

/**
 * Copies out, and gives back, a file the worker wrote for a large result (its
 * SNAKEPIT_SHARED_MEMORY mode). Only files in a snakepit-* folder directly
 * under /dev/shm are accepted, so a reply cannot make Node read or delete
 * anything else.
 */
export function takeSharedFile(encodedPath: Uint8Array): Uint8Array {
  const path = new TextDecoder().decode(encodedPath);
  if (suspended) throw new CodecError(`A remote worker named ${path} as a shared-memory file (ext 10/11), which only a worker on this host may do; refusing to read it. Start remote workers without SNAKEPIT_SHARED_MEMORY.`);
  return takePrefetched(path) ?? readAndReleaseSharedFile(checkedSharedPath(path));
}

/** Reads ext 10 from the worker: the ext 1 header, then the path of the file holding the data. */
export function decodeSharedNDArray(payload: Uint8Array): NDArray {
  const dimensions = payload[1] ?? 0;
  const dtype = dtypeByCode[payload[0] ?? 255];
  const headerLength = ndarrayHeaderBytes(dimensions);
  if (dtype === undefined || payload.byteLength <= headerLength) throw new CodecError(`The worker sent a malformed shared-memory array (ext 10) of ${payload.byteLength} bytes.`);
  const view = new DataView(payload.buffer, payload.byteOffset, headerLength);
  const shape = Array.from({ length: dimensions }, (_, index) => view.getUint32(2 + 4 * index, true));
  return NDArray.fromBytes(dtype, shape, takeSharedFile(payload.subarray(headerLength)));
}

/** Writes the array to its file and returns the ext 10 payload: the ext 1 header, then the file's path. */
export function encodeSharedNDArray(value: unknown): Uint8Array | null {
  if (!goesThroughSharedMemory(value)) return null;
  const array = value instanceof NDArray ? value : NDArray.from(value as AnyTypedArray);
  const name = writeSharedFile(array.bytes());
  const headerLength = ndarrayHeaderBytes(array.shape.length);
  const header = new Uint8Array(headerLength + name.byteLength);
  const view = new DataView(header.buffer);
  view.setUint8(0, codeByDtype.get(array.dtype) ?? 0);
  view.setUint8(1, array.shape.length);
  array.shape.forEach((size, index) => view.setUint32(2 + 4 * index, size, true));
  header.set(name, headerLength);
  return header;
}
