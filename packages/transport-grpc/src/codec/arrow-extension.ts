import { CodecError, loadOnFirstUse } from "@snakepit/core";
import type * as Arrow from "apache-arrow";
import { isLargeEnough, takeSharedFile, writeSharedFile } from "./shared-memory-extension.js";
import { splitPayload, type SplitPayload } from "./split-payload-encoder.js";

/**
 * ext 8 of the codec: pandas DataFrames as one Arrow IPC stream, decoded to
 * an apache-arrow `Table`, and a `Table` encoded back (Python reads it as a
 * DataFrame). Dtypes survive both ways: int64 → Int64, float64 → Float64,
 * bool → Bool, strings → Utf8, datetime64[ns] → Timestamp(ns), categorical →
 * Dictionary; the pandas metadata in the schema restores the index and dtypes.
 *
 * apache-arrow takes over 100 ms to import, so it is loaded on first use, not
 * with the transport (`loadOnFirstUse`), which shares the module instance with
 * the user's own `import "apache-arrow"`: their `Table` is our `Table`, and
 * instanceof holds.
 */
const arrow = loadOnFirstUse<typeof Arrow>(() => import.meta.resolve("apache-arrow"));

/** Arrow's IPC reader builds typed arrays over the bytes: they must be 8-byte aligned. */
const alignment = 8;

/**
 * A large Table's stream, handed from ext 8 to ext 11 (the encoder asks the
 * extensions in type order, synchronously, so the hand-over cannot interleave).
 */
let largeStream: { readonly table: unknown; readonly chunks: readonly Uint8Array[] } | undefined;

/**
 * Encodes a Table as an Arrow IPC stream, or returns null for any other value
 * (and for large Tables when ext 11 takes them). A stream of 64 KB or more
 * goes as its pieces (split-payload-encoder.ts): the column buffers are
 * copied once, straight into the message. Joined first, an 8 MB Table was
 * copied into fresh buffers three times (the join, then the MessagePack
 * encoder's doubling): 27–35 ms a round trip through the socket, 10 ms of it
 * Node's garbage collection (21–25 ms and 3 ms now).
 */
export function encodeArrowTable(value: unknown): Uint8Array | SplitPayload | null {
  // Cheap test first, so apache-arrow is never loaded by a program that sends no Table.
  if (value === null || typeof value !== "object" || value.constructor?.name !== "Table" || !("schema" in value) || !("batches" in value)) return null;
  const { Table, RecordBatchStreamWriter } = arrow();
  if (!(value instanceof Table)) return null;
  // What tableToIPC does, minus its join of the chunks, which a large table does not need.
  const writer = RecordBatchStreamWriter.writeAll(value);
  const chunks = queuedChunks(writer) ?? [writer.toUint8Array(true)];
  const size = chunks.reduce((total, chunk) => total + chunk.byteLength, 0);
  if (isLargeEnough(size)) {
    largeStream = { table: value, chunks };
    return null;
  }
  if (size >= splitFrom) return splitPayload(chunks, () => Buffer.concat(chunks, size));
  return chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks, size);
}

/** Streams smaller than this are joined: one small copy costs less than writing pieces. */
const splitFrom = 1 << 16;

/**
 * The stream's pieces as the writer queued them (the metadata and the column
 * buffers themselves, not copies), so ext 11 can write them straight to its
 * file with one writev: joining 8 MB first cost more than the write. This
 * reads apache-arrow's internal queue; should its shape ever change, the
 * check fails and the joined stream is the one piece (still correct, slower).
 */
function queuedChunks(writer: unknown): readonly Uint8Array[] | undefined {
  const queued = (writer as { _sink?: { _values?: unknown } })._sink?._values;
  return Array.isArray(queued) && queued.every((chunk) => chunk instanceof Uint8Array) ? (queued as Uint8Array[]) : undefined;
}

/** ext 11: a large Table's stream written to a /dev/shm file; the payload is the file's path. */
export function encodeSharedArrowTable(value: unknown): Uint8Array | null {
  if (!largeStream || largeStream.table !== value) return null;
  const { chunks } = largeStream;
  largeStream = undefined;
  return writeSharedFile(chunks);
}

/** Reads ext 11 from the worker: the stream is in the file the payload names. */
export function decodeSharedArrowTable(payload: Uint8Array): Arrow.Table {
  return decodeArrowTable(takeSharedFile(payload));
}

/** Decodes an Arrow IPC stream into a Table (its columns view the payload when it is aligned). */
export function decodeArrowTable(payload: Uint8Array): Arrow.Table {
  const aligned = payload.byteOffset % alignment === 0 ? payload : Uint8Array.prototype.slice.call(payload);
  try {
    return arrow().tableFromIPC(aligned);
  } catch (error) {
    throw new CodecError(`The worker sent an Arrow table (ext 8) that apache-arrow could not read: ${error instanceof Error ? error.message : String(error)}.`, { cause: error });
  }
}
