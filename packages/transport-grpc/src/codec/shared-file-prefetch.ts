import { extensionHeaderAt } from "./extension-header.js";
import { ExtensionType } from "./extension-types.js";
import { ndarrayHeaderBytes } from "./ndarray-extension.js";
import { checkedSharedPath } from "./shared-file-path.js";
import { readAndReleaseSharedFileInParts } from "./shared-file-slots.js";

/**
 * Large results read before they are decoded, off the main thread.
 *
 * Decoding is synchronous, so a result that arrived as a /dev/shm file (a
 * big NDArray, ext 10, or a DataFrame, ext 11) was copied out by one
 * blocking read: ≈ 2 ms for 8 MB here, the largest single part of a
 * DataFrame round trip on Node's side. A reply whose whole value is such a
 * file is settled a moment later instead: the file is first read in two
 * parallel parts on libuv's threads (≈ 1.1 ms), and decoding then finds the
 * bytes here (`takePrefetched`). Values that merely contain such files
 * (a list of arrays) are read while decoding, as before.
 */
const prefetched = new Map<string, Uint8Array>();
const textDecoder = new TextDecoder();

/**
 * The file a reply's value names when the value is nothing but ext 10 or
 * ext 11 (the UTF-8 path, as sent); undefined for any other value.
 */
export function sharedFileOfPayload(payload: Uint8Array): Uint8Array | undefined {
  const ext = extensionHeaderAt(payload, 0);
  // Only a value that is the extension and nothing else.
  if (!ext || ext.dataStart + ext.dataLength !== payload.byteLength) return undefined;
  const data = payload.subarray(ext.dataStart);
  if (ext.type === ExtensionType.sharedMemoryArrow) return data;
  if (ext.type !== ExtensionType.sharedMemoryArray || data.byteLength < 2) return undefined;
  // ext 10: the ext 1 header, then the path.
  const pathStart = ndarrayHeaderBytes(data[1] as number);
  return pathStart < data.byteLength ? data.subarray(pathStart) : undefined;
}

/**
 * Reads the named file ahead, so that decoding the reply finds its bytes
 * ready. Never rejects: a path that fails the checks, or a file already
 * gone, is left to decoding, which reports it as it always did.
 */
export async function prefetchSharedFile(encodedPath: Uint8Array): Promise<void> {
  const path = textDecoder.decode(encodedPath);
  try {
    prefetched.set(path, await readAndReleaseSharedFileInParts(checkedSharedPath(path)));
  } catch {
    // Decoding reads (and fails on) the file itself.
  }
}

/** The bytes read ahead for this path (as the worker sent it), taken out: each is decoded once. */
export function takePrefetched(path: string): Uint8Array | undefined {
  const bytes = prefetched.get(path);
  if (bytes) prefetched.delete(path);
  return bytes;
}

/** Drops the bytes read ahead for a reply that was not decoded (its call was abandoned meanwhile). */
export function forgetPrefetched(encodedPath: Uint8Array): void {
  prefetched.delete(textDecoder.decode(encodedPath));
}

/** How many results are read ahead and not yet decoded (tests). */
export function prefetchedCount(): number {
  return prefetched.size;
}
