/** Where an extension's data sits: its type, the offset its data starts at, and the data's length. */
export interface ExtensionHeader {
  readonly type: number;
  readonly dataStart: number;
  readonly dataLength: number;
}

/**
 * The MessagePack extension header at `start` (fixext 1–16, ext 8/16/32);
 * undefined when no extension starts there or its header is cut off. For
 * code that finds an extension in raw bytes without decoding them: the
 * read-ahead of /dev/shm results and the placement of large messages.
 */
export function extensionHeaderAt(bytes: Uint8Array, start: number): ExtensionHeader | undefined {
  const first = bytes[start];
  if (first === undefined) return undefined;
  let headerBytes: number;
  let dataLength = 0;
  if (first >= 0xd4 && first <= 0xd8) {
    headerBytes = 2;
    dataLength = 1 << (first - 0xd4);
  } else if (first >= 0xc7 && first <= 0xc9) {
    headerBytes = [3, 4, 6][first - 0xc7] as number;
    if (start + headerBytes > bytes.length) return undefined;
    // The length: 1, 2 or 4 bytes, big endian.
    for (let index = start + 1; index < start + headerBytes - 1; index++) dataLength = dataLength * 256 + (bytes[index] as number);
  } else {
    return undefined;
  }
  if (start + headerBytes > bytes.length) return undefined;
  const type = ((bytes[start + headerBytes - 1] as number) << 24) >> 24; // int8
  return { type, dataStart: start + headerBytes, dataLength };
}
