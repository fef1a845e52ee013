import { CodecError, NDArray, type AnyTypedArray, type DType } from "@snakepit/core";
import { alignedCopy } from "./fast-copy.js";
import { codeByDtype, dtypeByCode, maxDimensions } from "./extension-types.js";
import { splitPayload, type SplitPayload } from "./split-payload-encoder.js";

/** Typed arrays that are not bytes: these travel as one-dimensional NDArrays. */
export function isNumericTypedArray(value: unknown): value is AnyTypedArray {
  return ArrayBuffer.isView(value) && !(value instanceof Uint8Array) && !(value instanceof DataView) && !(value instanceof Uint8ClampedArray);
}

/**
 * Reused output of `encodeNDArray`. The encoder copies an extension's payload
 * as soon as the extension returns it, before any other extension runs, so
 * one buffer serves every array; allocating (and zero-filling) a fresh one
 * per array cost as much as the copy itself. Arrays above the cap get their
 * own buffer, so the scratch never pins much memory.
 */
let scratch = new Uint8Array(0);
const scratchCapBytes = 16 << 20;

function outputBuffer(length: number): Uint8Array {
  if (length > scratchCapBytes) return new Uint8Array(length);
  if (scratch.byteLength < length) scratch = new Uint8Array(Math.min(scratchCapBytes, Math.max(length, scratch.byteLength * 2, 4096)));
  return scratch.subarray(0, length);
}

/** The ext 1 header: dtype code, ndim, shape as uint32 LE. Throws for dtypes or ranks the wire format lacks. */
function headerOf(array: NDArray): Uint8Array {
  const code = codeByDtype.get(array.dtype);
  if (code === undefined) throw new CodecError(`NDArray has dtype "${array.dtype}", which the wire format does not know; use one of ${dtypeByCode.join(", ")}.`);
  const dimensions = array.shape.length;
  if (dimensions > maxDimensions) throw new CodecError(`NDArray has ${dimensions} dimensions; numpy and the wire format allow at most ${maxDimensions}.`);
  const header = new Uint8Array(ndarrayHeaderBytes(dimensions));
  const view = new DataView(header.buffer);
  view.setUint8(0, code);
  view.setUint8(1, dimensions);
  array.shape.forEach((size, index) => view.setUint32(2 + 4 * index, size, true));
  return header;
}

/**
 * Writes ext 1: the header, then the raw data. The data is copied with `set`
 * (a memcpy), never element by element. The platform is little-endian (every
 * Node target is), so the typed array's bytes already are the wire bytes. The
 * result is only valid until the next call (see `scratch`).
 */
export function encodeNDArray(array: NDArray): Uint8Array {
  return joined(headerOf(array), array.bytes());
}

function joined(header: Uint8Array, data: Uint8Array): Uint8Array {
  const output = outputBuffer(header.byteLength + data.byteLength);
  output.set(header);
  output.set(data, header.byteLength);
  return output;
}

/**
 * Ext 1 as header and data, the data a view of the array's own memory (no
 * copy): the payload encoder (split-payload-encoder.ts) copies it once,
 * straight into the MessagePack output, while the call is being encoded —
 * so changing the array after `call()` returned does not change what is sent.
 */
export function encodeNDArrayParts(array: NDArray): SplitPayload {
  const header = headerOf(array);
  const data = array.bytes();
  return splitPayload([header, data], () => joined(header, data));
}

/** Wraps a bare typed array as the one-dimensional NDArray it stands for. */
export function encodeTypedArray(data: AnyTypedArray): Uint8Array {
  return encodeNDArray(NDArray.from(data, [data.length]));
}

/** `encodeTypedArray` as header and data (see `encodeNDArrayParts`). */
export function encodeTypedArrayParts(data: AnyTypedArray): SplitPayload {
  return encodeNDArrayParts(NDArray.from(data, [data.length]));
}

/**
 * Reads ext 1 over the bytes it came in: `NDArray.fromBytes` makes a view,
 * copying only when the data is misaligned for its element width.
 */
export function decodeNDArray(payload: Uint8Array): NDArray {
  if (payload.byteLength < 2) throw new CodecError(`NDArray extension of ${payload.byteLength} bytes is truncated: it needs at least a dtype byte and a dimension byte.`);
  const code = payload[0] ?? 0;
  const dimensions = payload[1] ?? 0;
  const dtype = dtypeByCode[code];
  if (dtype === undefined) throw new CodecError(`NDArray extension has dtype code ${code}; known codes are 0–${dtypeByCode.length - 1}. Update @snakepit/transport-grpc to match the worker's snakepit-bridge.`);
  const headerLength = ndarrayHeaderBytes(dimensions);
  if (dimensions > maxDimensions || payload.byteLength < headerLength) throw new CodecError(`NDArray extension declares ${dimensions} dimensions but is too short (${payload.byteLength} bytes) or exceeds ${maxDimensions} dimensions.`);
  const view = new DataView(payload.buffer, payload.byteOffset, headerLength);
  const shape: number[] = [];
  let size = 1;
  for (let index = 0; index < dimensions; index++) {
    const dimension = view.getUint32(2 + 4 * index, true);
    shape.push(dimension);
    size *= dimension;
  }
  const data = payload.subarray(headerLength);
  const width = bytesPerElement(dtype);
  if (data.byteLength !== size * width) throw new CodecError(`NDArray extension of shape [${shape.join(", ")}] and dtype ${dtype} needs ${size * width} data bytes but carries ${data.byteLength}.`);
  // Misaligned data must be copied; doing it here skips the zero-fill of
  // NDArray.fromBytes's `slice()` (which, on a Buffer, would not even copy).
  return NDArray.fromBytes(dtype, shape, data.byteOffset % width === 0 ? data : alignedCopy(data));
}

/** The ext 1 header's length: dtype code, ndim, then ndim × uint32 shape (the data follows). */
export function ndarrayHeaderBytes(dimensions: number): number {
  return 2 + 4 * dimensions;
}

function bytesPerElement(dtype: DType): number {
  return dtype.endsWith("64") ? 8 : dtype.endsWith("32") ? 4 : dtype.endsWith("16") ? 2 : 1;
}
