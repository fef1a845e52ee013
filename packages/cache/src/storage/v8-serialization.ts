import { deserialize, serialize } from "node:v8";
import { CodecError } from "@snakepit/core";
import type { DeserializedData } from "keyv";
import { reviveClasses, tagClasses } from "./class-tags.js";

/**
 * Keyv's serialize/deserialize pair for stores outside the process (Redis):
 * node:v8's structured serialisation, which keeps Map, Set, bigint, Date and
 * typed arrays exactly (JSON keeps none of them), plus class tags for NDArray
 * and PyTuple. Keyv stores strings, so the bytes travel as base64 behind a
 * format marker; an entry without the marker was not written by Snakepit and
 * reads as a miss rather than as garbage.
 */
const marker = "snakepit-v8:";

export function serializeEntry<Value>(entry: DeserializedData<Value>): string {
  let bytes: Buffer;
  try {
    bytes = serialize({ value: tagClasses(entry.value), expires: entry.expires });
  } catch (error) {
    if (error instanceof CodecError) throw error;
    throw new CodecError(`This value cannot be stored in the cache (${(error as Error).message}). Only data can be cached: numbers, strings, arrays, plain objects, Map, Set, bigint, Date, typed arrays, NDArray and PyTuple.`, { cause: error });
  }
  return marker + bytes.toString("base64");
}

export function deserializeEntry<Value>(text: string): DeserializedData<Value> | undefined {
  if (!text.startsWith(marker)) return undefined;
  const entry = deserialize(Buffer.from(text.slice(marker.length), "base64")) as { value: unknown; expires?: number };
  return { value: reviveClasses(entry.value) as Value, expires: entry.expires };
}
