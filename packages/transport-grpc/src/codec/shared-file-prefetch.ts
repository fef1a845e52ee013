import { ExtensionType } from "./extension-types.js";
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
  const ext = wholeExtension(payload);
  if (!ext) return undefined;
  if (ext.type === ExtensionType.sharedMemoryArrow) return ext.data;
  if (ext.type !== ExtensionType.sharedMemoryArray || ext.data.byteLength < 2) return undefined;
  // ext 10: dtype code, ndim, ndim × uint32 shape, then the path.
  const pathStart = 2 + 4 * (ext.data[1] as number);
  return pathStart < ext.data.byteLength ? ext.data.subarray(pathStart) : undefined;
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

/** The extension a MessagePack value consists of, exactly (header and data fill the payload); else undefined. */
function wholeExtension(payload: Uint8Array): { readonly type: number; readonly data: Uint8Array } | undefined {
  const first = payload[0];
  // Every reply passes here: most are not an extension at all and leave at this test.
  if (first === undefined || payload.byteLength < 3 || first < 0xc7 || (first > 0xc9 && first < 0xd4) || first > 0xd8) return undefined;
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  let length: number;
  let header: number;
  if (first >= 0xd4 && first <= 0xd8) {
    length = 1 << (first - 0xd4); // fixext 1, 2, 4, 8, 16
    header = 2;
  } else if (first === 0xc7) {
    length = view.getUint8(1);
    header = 3;
  } else if (first === 0xc8) {
    if (payload.byteLength < 4) return undefined;
    length = view.getUint16(1);
    header = 4;
  } else if (first === 0xc9) {
    if (payload.byteLength < 6) return undefined;
    length = view.getUint32(1);
    header = 6;
  } else {
    return undefined;
  }
  if (header + length !== payload.byteLength) return undefined;
  return { type: view.getInt8(header - 1), data: payload.subarray(header) };
}
