import { extensionHeaderAt } from "../codec/extension-header.js";
import { ExtensionType } from "../codec/extension-types.js";
import { ndarrayHeaderBytes } from "../codec/ndarray-extension.js";
import { Reader } from "./frame-codec.js";

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
  // A cut-off prefix reads as zeros past its end, which no tag below matches.
  const reader = new Reader(prefix, 0, prefix.length);
  if (reader.varint() !== ((1 << 3) | 2)) return undefined;
  reader.varint(); // the CallReply's length
  let tag = reader.varint();
  if (tag === ((1 << 3) | 0)) {
    reader.varint(); // its id (proto3 leaves out an id of 0)
    tag = reader.varint();
  }
  if (tag !== ((2 << 3) | 2)) return undefined;
  reader.varint(); // the value's length
  if (reader.position > prefix.length) return undefined;
  const ext = extensionHeaderAt(prefix, reader.position);
  if (ext?.type === ExtensionType.arrow) return ext.dataStart;
  if (ext?.type !== ExtensionType.ndarray) return undefined;
  const ndim = prefix[ext.dataStart + 1];
  return ndim === undefined ? undefined : ext.dataStart + ndarrayHeaderBytes(ndim);
}
