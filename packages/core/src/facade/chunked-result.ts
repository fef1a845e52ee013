import { CodecError, TransportError } from "../errors/index.js";
import { NDArray, type DType } from "../model/ndarray.js";

/**
 * Results bigger than one gRPC message come back as a stream of parts from
 * this reserved generator (`python/snakepit_bridge/chunks.py`): a header
 * saying how to join them, then the parts. Plain data only, so any codec
 * carries it and the core stays codec-independent.
 */
export const chunkedTarget = "snakepit_bridge.chunks.call";

/** Size of one part; far below gRPC's limits, large enough that per-message cost vanishes. */
export const defaultChunkBytes = 4 << 20;

interface ChunkHeader {
  readonly kind: "bytes" | "ndarray" | "str" | "list" | "value";
  readonly size?: number;
  readonly dtype?: DType;
  readonly shape?: readonly number[];
}

/** Joins the parts of a chunked result into the value one message would have carried. */
export async function assembleChunks(parts: AsyncIterable<unknown>, target: string): Promise<unknown> {
  const iterator = parts[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) throw new CodecError(`The chunked result of ${target} ended before its header; the worker's snakepit-bridge may not match @snakepit/core.`);
  const header = first.value as ChunkHeader;
  const rest = { [Symbol.asyncIterator]: () => iterator };
  switch (header.kind) {
    case "bytes":
      return joinBytes(rest, header.size ?? 0, target);
    case "ndarray":
      return NDArray.fromBytes(header.dtype ?? "uint8", header.shape ?? [], await joinBytes(rest, header.size ?? 0, target));
    case "str": {
      let text = "";
      for await (const part of rest) text += part as string;
      return text;
    }
    case "list": {
      const items: unknown[] = [];
      for await (const part of rest) for (const item of part as unknown[]) items.push(item);
      return items;
    }
    default: {
      let value: unknown = null;
      for await (const part of rest) value = part;
      return value;
    }
  }
}

/** Copies byte parts into one buffer allocated once at the size the header announced. */
async function joinBytes(parts: AsyncIterable<unknown>, size: number, target: string): Promise<Uint8Array> {
  const joined = new Uint8Array(size);
  let offset = 0;
  for await (const part of parts) {
    const bytes = part as Uint8Array;
    if (offset + bytes.byteLength > size) break;
    joined.set(bytes, offset);
    offset += bytes.byteLength;
  }
  if (offset !== size) throw new CodecError(`The chunked result of ${target} announced ${size} bytes but carried ${offset}; the stream was cut or the worker's snakepit-bridge does not match.`);
  return joined;
}

/** A failure that means "the result did not fit in one message" (gRPC RESOURCE_EXHAUSTED). */
export function isMessageTooLarge(error: unknown): boolean {
  return error instanceof TransportError && /RESOURCE_EXHAUSTED|message larger than max|exceeded a size limit/i.test(error.message);
}
