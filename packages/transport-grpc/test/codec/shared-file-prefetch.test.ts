import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { encode, ExtData } from "@msgpack/msgpack";
import { NDArray } from "@snakepit/core";
import { tableFromArrays, type Table } from "apache-arrow";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ExtensionType } from "../../src/codec/extension-types.js";
import { PayloadCodec } from "../../src/codec/payload-codec.js";
import { forgetPrefetched, prefetchedCount, prefetchSharedFile, sharedFileOfPayload, takePrefetched } from "../../src/codec/shared-file-prefetch.js";
import { readAndReleaseSharedFileInParts } from "../../src/codec/shared-file-slots.js";
import { disableSharedMemoryTransfers, enableSharedMemoryTransfers } from "../../src/codec/shared-memory-extension.js";

const text = (bytes: Uint8Array | undefined) => (bytes ? new TextDecoder().decode(bytes) : undefined);
const ext = (type: number, data: Uint8Array) => encode(new ExtData(type, data));
const utf8 = (value: string) => new TextEncoder().encode(value);

describe("which replies are read ahead: a value that is nothing but ext 10 or ext 11", () => {
  it("finds the path in ext 11 of every MessagePack ext size", () => {
    for (const path of ["/dev/shm/snakepit-a/1-1.slot", "/dev/shm/x/16chars", "/dev/shm/" + "p".repeat(300), "/dev/shm/" + "q".repeat(70_000)]) {
      expect(text(sharedFileOfPayload(ext(ExtensionType.sharedMemoryArrow, utf8(path))))).toBe(path);
    }
  });

  it("skips the ext 1 header of ext 10 (dtype, ndim, shape) to find the path", () => {
    const header = Uint8Array.from([0, 2, 3, 0, 0, 0, 4, 0, 0, 0]);
    const path = "/dev/shm/snakepit-a/1-2.bin";
    expect(text(sharedFileOfPayload(ext(ExtensionType.sharedMemoryArray, Uint8Array.from([...header, ...utf8(path)]))))).toBe(path);
    expect(sharedFileOfPayload(ext(ExtensionType.sharedMemoryArray, header))).toBeUndefined();
    expect(sharedFileOfPayload(ext(ExtensionType.sharedMemoryArray, Uint8Array.from([0])))).toBeUndefined();
  });

  it("leaves every other value to decoding: other extensions, containers, trailing bytes, scalars", () => {
    const file = ext(ExtensionType.sharedMemoryArrow, utf8("/dev/shm/snakepit-a/1.slot"));
    expect(sharedFileOfPayload(ext(ExtensionType.arrow, utf8("not a path")))).toBeUndefined();
    expect(sharedFileOfPayload(encode([new ExtData(ExtensionType.sharedMemoryArrow, utf8("/dev/shm/snakepit-a/1.slot"))]))).toBeUndefined();
    expect(sharedFileOfPayload(Uint8Array.from([...file, 0xc0]))).toBeUndefined();
    expect(sharedFileOfPayload(file.subarray(0, file.byteLength - 1))).toBeUndefined();
    expect(sharedFileOfPayload(encode(42))).toBeUndefined();
    expect(sharedFileOfPayload(new Uint8Array(0))).toBeUndefined();
  });
});

describe.skipIf(!existsSync("/dev/shm"))("reading a result file ahead, in parts", () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join("/dev/shm", "snakepit-"));
  });
  afterEach(() => {
    disableSharedMemoryTransfers();
    rmSync(folder, { recursive: true, force: true });
  });

  it("copies a large file exactly (two parts) and a small one (one part), then gives each back", async () => {
    for (const size of [3 * (1 << 20) + 12_345, 1_000]) {
      const content = Uint8Array.from({ length: size }, (_, index) => (index * 31) % 251);
      const path = join(folder, `1-${size}.slot`);
      writeFileSync(path, content);
      const copy = await readAndReleaseSharedFileInParts(path);
      expect(copy.byteLength).toBe(size);
      expect(Buffer.compare(Buffer.from(copy.buffer, copy.byteOffset, copy.byteLength), Buffer.from(content))).toBe(0);
      expect(existsSync(path)).toBe(false);
      expect(existsSync(path.replace(/\.slot$/, ".free"))).toBe(true);
    }
    const oneShot = join(folder, "1-9.bin");
    writeFileSync(oneShot, new Uint8Array(10));
    await readAndReleaseSharedFileInParts(oneShot);
    expect(existsSync(oneShot)).toBe(false);
  });

  it("decoding finds the bytes read ahead, once, and the file itself is already given back", async () => {
    enableSharedMemoryTransfers({ thresholdBytes: 1 << 20 });
    const columns = { a: Float64Array.from({ length: 200_000 }, (_, index) => index / 2), b: Float64Array.from({ length: 200_000 }, (_, index) => -index) };
    const payload = new PayloadCodec("w1").encode(tableFromArrays(columns)); // what a worker's ext 11 reply looks like
    const file = sharedFileOfPayload(payload);
    expect(file).toBeDefined();
    await prefetchSharedFile(file as Uint8Array);
    expect(prefetchedCount()).toBe(1);
    expect(existsSync(text(file) as string)).toBe(false);
    const table = new PayloadCodec("w1").decode(payload) as Table;
    expect(table.numRows).toBe(200_000);
    expect(table.getChild("a")?.get(199_999)).toBe(99_999.5);
    expect(table.getChild("b")?.get(7)).toBe(-7);
    expect(prefetchedCount()).toBe(0);
  });

  it("an ext 10 array result is read ahead the same way", async () => {
    enableSharedMemoryTransfers({ thresholdBytes: 1 << 20 });
    const values = Float64Array.from({ length: 500_000 }, (_, index) => index % 13);
    const payload = new PayloadCodec("w1").encode(NDArray.from(values, [1_000, 500]));
    await prefetchSharedFile(sharedFileOfPayload(payload) as Uint8Array);
    const array = new PayloadCodec("w1").decode(payload) as NDArray;
    expect(array.shape).toEqual([1_000, 500]);
    expect(Array.from(array.data.subarray(495_000, 495_003) as Float64Array)).toEqual([495_000 % 13, 495_001 % 13, 495_002 % 13]);
    expect(prefetchedCount()).toBe(0);
  });

  it("a path that fails the checks is not read ahead, and decoding reports it as before", async () => {
    const outside = join("/dev/shm", `not-snakepit-${process.pid}`);
    writeFileSync(outside, new Uint8Array(8));
    try {
      const payload = ext(ExtensionType.sharedMemoryArrow, utf8(outside));
      await expect(prefetchSharedFile(sharedFileOfPayload(payload) as Uint8Array)).resolves.toBeUndefined();
      expect(prefetchedCount()).toBe(0);
      expect(existsSync(outside)).toBe(true);
      expect(() => new PayloadCodec("w1").decode(payload)).toThrow(/not in a snakepit-\* folder/);
      await prefetchSharedFile(utf8(join(folder, "gone.slot")));
      expect(prefetchedCount()).toBe(0);
    } finally {
      rmSync(outside, { force: true });
    }
  });

  it("bytes read ahead for a call abandoned meanwhile are dropped", async () => {
    const path = join(folder, "1-1.slot");
    writeFileSync(path, new Uint8Array(64));
    await prefetchSharedFile(utf8(path));
    expect(prefetchedCount()).toBe(1);
    forgetPrefetched(utf8(path));
    expect(prefetchedCount()).toBe(0);
    expect(takePrefetched(path)).toBeUndefined();
  });
});
