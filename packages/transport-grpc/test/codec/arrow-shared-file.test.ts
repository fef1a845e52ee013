import { existsSync, readFileSync } from "node:fs";
import { Bool, Dictionary, Float64, Int32, Table, tableFromIPC, tableToIPC, Utf8, vectorFromArray } from "apache-arrow";
import { afterEach, describe, expect, it } from "vitest";
import { ExtensionType } from "../../src/codec/extension-types.js";
import { PayloadCodec } from "../../src/codec/payload-codec.js";
import { disableSharedMemoryTransfers, enableSharedMemoryTransfers } from "../../src/codec/shared-memory-extension.js";

/** Two record batches, a dictionary and strings: more than one chunk of every kind the writer queues. */
function twoBatchTable(): Table {
  const part = (offset: number) =>
    new Table({
      ratio: vectorFromArray(Array.from({ length: 1_000 }, (_, index) => offset + index / 3), new Float64()),
      name: vectorFromArray(Array.from({ length: 1_000 }, (_, index) => `n${offset + index}`), new Utf8()),
      flag: vectorFromArray(Array.from({ length: 1_000 }, (_, index) => index % 3 === 0), new Bool()),
      kind: vectorFromArray(Array.from({ length: 1_000 }, (_, index) => (index % 2 ? "x" : "y")), new Dictionary(new Utf8(), new Int32())),
    });
  return part(0).concat(part(1_000));
}

/** The path in a top-level ext 11 value (ext 8 header: 0xc7, 1-byte length, type). */
function sharedPathOf(bytes: Uint8Array): string {
  expect(bytes[0]).toBe(0xc7);
  expect(bytes[2]).toBe(ExtensionType.sharedMemoryArrow);
  return new TextDecoder().decode(bytes.subarray(3));
}

describe.skipIf(!existsSync("/dev/shm"))("ext 11: a large Table written to its /dev/shm file chunk by chunk", () => {
  afterEach(() => disableSharedMemoryTransfers());

  it("the file holds exactly the stream tableToIPC would have built", () => {
    enableSharedMemoryTransfers({ thresholdBytes: 1024 });
    const table = twoBatchTable();
    expect(table.batches.length).toBe(2);
    const path = sharedPathOf(new PayloadCodec("w1").encode(table));
    const written = readFileSync(path);
    expect(Buffer.compare(written, tableToIPC(table, "stream"))).toBe(0);
    const back = tableFromIPC(written);
    expect(back.numRows).toBe(2_000);
    expect(back.getChild("name")?.get(1_999)).toBe("n1999");
  });

  it("a file reused for a smaller Table is cut to that Table's stream", () => {
    enableSharedMemoryTransfers({ thresholdBytes: 1024 });
    const codec = new PayloadCodec("w1");
    const lent = sharedPathOf(codec.encode(twoBatchTable()));
    const bytes = codec.encode(twoBatchTable());
    const reused = sharedPathOf(bytes);
    expect(reused).not.toBe(lent);
    // Decoding takes the file and gives it back, as a reply from the worker would.
    expect((codec.decode(bytes) as Table).numRows).toBe(2_000);
    const small = twoBatchTable().slice(0, 500);
    const path = sharedPathOf(codec.encode(small));
    expect(path).toBe(reused);
    expect(Buffer.compare(readFileSync(path), tableToIPC(small, "stream"))).toBe(0);
  });
});
