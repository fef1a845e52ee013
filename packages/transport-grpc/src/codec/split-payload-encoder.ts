import { Encoder, ExtData, type EncoderOptions } from "@msgpack/msgpack";
import { alignedCopy } from "./fast-copy.js";
import { takeLargeBuffer } from "./large-buffer-pool.js";

/**
 * An extension payload in pieces (e.g. an NDArray's small header and its
 * data, still inside the caller's typed array). An encoder made by
 * `createPayloadEncoder` writes the pieces one after another, so the data is
 * copied once, straight into the MessagePack output. Any other encoder (a
 * nested one, a test's plain `Encoder`) calls it as the function form of
 * `ExtData.data`, which joins the pieces into one array: one more copy, and
 * always an ext 32 header (valid MessagePack, but not the smallest).
 */
export interface SplitPayload {
  (position: number): Uint8Array;
  readonly parts: readonly Uint8Array[];
}

/** `join` builds the contiguous form for encoders that do not know `parts`. */
export function splitPayload(parts: readonly Uint8Array[], join: () => Uint8Array): SplitPayload {
  return Object.assign(() => join(), { parts });
}

function isSplitPayload(data: ExtData["data"]): data is SplitPayload {
  return typeof data === "function" && "parts" in data;
}

/**
 * The @msgpack/msgpack 3.x members this file relies on. They are private in
 * its type declarations but plain properties at run time; the codec tests
 * (split-payload-encoder.test.ts) fail loudly if an upgrade renames them.
 */
interface EncoderInternals {
  pos: number;
  view: DataView;
  bytes: Uint8Array;
  readonly initialBufferSize: number;
  encodeExtension(ext: ExtData): void;
  writeU8(value: number): void;
  writeU32(value: number): void;
  writeI8(value: number): void;
  writeU8a(values: Uint8Array): void;
}

/** Spare room after a big extension, so the few bytes that follow it do not double the buffer. */
const slackBytes = 1 << 16;

/**
 * An Encoder that writes `SplitPayload` extensions piece by piece; the bytes
 * are the same as a plain Encoder's for the joined payload.
 */
export function createPayloadEncoder(options: EncoderOptions): Encoder {
  const encoder = new Encoder(options);
  const internals = encoder as unknown as EncoderInternals;
  const encodeExtension = internals.encodeExtension.bind(encoder);
  internals.encodeExtension = (ext: ExtData): void => {
    if (!isSplitPayload(ext.data)) {
      encodeExtension(ext);
      return;
    }
    const size = ext.data.parts.reduce((total, part) => total + part.byteLength, 0);
    // Below ext 32's range, the joined form keeps the exact header the plain encoder picks (fixext, ext 8, ext 16).
    if (size < 0x10000) {
      encodeExtension(new ExtData(ext.type, ext.data(0)));
      return;
    }
    growExactly(internals, 6 + size);
    internals.writeU8(0xc9);
    internals.writeU32(size);
    internals.writeI8(ext.type);
    for (const part of ext.data.parts) internals.writeU8a(part);
  };
  return encoder;
}

/**
 * Makes room for `bytes` more without the encoder's doubling: for an 8 MB
 * array the doubling allocates 16 MB, which V8 counts as external memory and
 * which brings the next garbage collection forward. (Skipping the zero-fill
 * with Buffer.allocUnsafeSlow measured no faster, so the memory stays clean.)
 */
function growExactly(internals: EncoderInternals, bytes: number): void {
  const required = internals.pos + bytes;
  if (internals.view.byteLength >= required) return;
  // Lent for the encoding: the fast lane gives it back once the socket wrote it (large-buffer-pool.ts).
  const grown = takeLargeBuffer(required + slackBytes);
  grown.set(internals.bytes.subarray(0, internals.pos));
  internals.bytes = grown;
  internals.view = new DataView(grown.buffer);
}

/** V8 keeps typed arrays up to this size on its heap: a copy that small is cheap as it is. */
const onHeapBytes = 64;
/** Below this, Node's `Buffer.allocUnsafe` carves the copy out of its shared pool. */
const pooledBytes = 4096;

/**
 * A copy in Node's buffer pool (8-byte aligned). Between 64 bytes and 4 KB a
 * fresh ArrayBuffer costs ≈ 1.2 µs (an off-heap backing store) against
 * ≈ 75 ns here: a pipeline graph or a call with a few strings was paying it
 * on every call.
 */
function pooledCopy(bytes: Uint8Array): Uint8Array {
  const copy = Buffer.allocUnsafe(bytes.byteLength);
  copy.set(bytes);
  return copy;
}

/** Encodings at least this big are handed over with the encoder's buffer instead of copied out of it. */
export const handOverBytes = 1 << 20;

/**
 * Encodes `value` into bytes the caller owns. A small result is copied out
 * of the encoder's reused buffer (cheaper than a fresh buffer per call); a
 * large one is returned in place, and the encoder starts over with a new
 * small buffer — so a big array is copied once on its way to the socket,
 * not twice, and the encoder never pins a huge buffer.
 */
export function encodeOwned(encoder: Encoder, value: unknown): Uint8Array {
  const bytes = encoder.encodeSharedRef(value);
  if (bytes.byteLength > onHeapBytes && bytes.byteLength < pooledBytes) return pooledCopy(bytes);
  if (bytes.byteLength < handOverBytes) return alignedCopy(bytes);
  const internals = encoder as unknown as EncoderInternals;
  internals.bytes = new Uint8Array(internals.initialBufferSize);
  internals.view = new DataView(internals.bytes.buffer);
  return bytes;
}
