import { ExtensionType } from "../codec/extension-types.js";

/**
 * Where, in a ServerFrame's bytes, the typed data of its first reply begins
 * when that reply's value is an Arrow table (ext 8) or an NDArray (ext 1);
 * undefined for anything else, or when `prefix` (the frame's first bytes)
 * ends before that point.
 *
 * Why: apache-arrow and typed arrays view their bytes only at 8-byte
 * aligned offsets; a misaligned result was copied whole (8 MB for a
 * 100k × 10 DataFrame, fresh memory each time). A reader that knows where
 * the data will sit can place the message so that it lands aligned
 * (frame-reader.ts).
 *
 * Reads only the wire shapes it names: field 1 of ServerFrame (a CallReply),
 * in it field 1 (id) and field 2 (the MessagePack value), then the
 * extension's header. Any other shape is undefined, never an error.
 */
export function firstPayloadDataOffset(prefix: Uint8Array): number | undefined {
  const cursor = { at: 0 };
  if (varint(prefix, cursor) !== ((1 << 3) | 2)) return undefined;
  const replyLength = varint(prefix, cursor);
  if (replyLength === undefined) return undefined;
  let tag = varint(prefix, cursor);
  if (tag === ((1 << 3) | 0)) {
    if (varint(prefix, cursor) === undefined) return undefined;
    tag = varint(prefix, cursor);
  }
  if (tag !== ((2 << 3) | 2) || varint(prefix, cursor) === undefined) return undefined;
  return extensionDataOffset(prefix, cursor.at);
}

/** The offset of the typed data inside an ext 8 or ext 1 value that starts at `start`. */
function extensionDataOffset(bytes: Uint8Array, start: number): number | undefined {
  const first = bytes[start];
  const headers: Record<number, number> = { 0xc7: 3, 0xc8: 4, 0xc9: 6 };
  const header = first === undefined ? undefined : headers[first];
  if (header === undefined) return undefined;
  const type = bytes[start + header - 1];
  const data = start + header;
  if (type === ExtensionType.arrow) return data <= bytes.length ? data : undefined;
  if (type !== ExtensionType.ndarray) return undefined;
  // ext 1: dtype code, ndim, ndim × uint32 shape, then the data.
  const ndim = bytes[data + 1];
  return ndim === undefined ? undefined : data + 2 + 4 * ndim;
}

/** A protobuf varint at `cursor.at` (advanced past it; ids above 2^53 lose precision, which skipping them does not mind); undefined when the bytes end first. */
function varint(bytes: Uint8Array, cursor: { at: number }): number | undefined {
  let value = 0;
  for (let shift = 0; shift < 70; shift += 7) {
    const byte = bytes[cursor.at++];
    if (byte === undefined) return undefined;
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return value;
  }
  return undefined;
}
