import { existsSync } from "node:fs";
import { CodecError, NDArray, typeRegistry } from "@snakepit/core";
import { afterEach, describe, expect, test } from "vitest";
import { PayloadCodec } from "../../src/codec/payload-codec.js";
import { disableSharedMemoryTransfers, enableSharedMemoryTransfers } from "../../src/codec/shared-memory-extension.js";
import { ExtensionType } from "../../src/codec/extension-types.js";

/** The MessagePack ext type of a single encoded extension value (fixext / ext 8 headers). */
function extensionTypeOf(bytes: Uint8Array): number {
  const header = bytes[0] ?? 0;
  const offset = header >= 0xd4 && header <= 0xd8 ? 1 : header === 0xc7 ? 2 : header === 0xc8 ? 3 : 5;
  return (bytes[offset] ?? 0) << 24 >> 24;
}

describe.skipIf(!existsSync("/dev/shm"))("a codec for a worker on another machine never uses /dev/shm", () => {
  afterEach(() => disableSharedMemoryTransfers());

  test("large arrays travel inside the message even when the process enabled the fast path", () => {
    enableSharedMemoryTransfers({ thresholdBytes: 64 });
    const array = NDArray.from(new Float64Array(1_000));
    expect(extensionTypeOf(new PayloadCodec("local").encode(array))).toBe(ExtensionType.sharedMemoryArray);
    const remote = new PayloadCodec("remote", typeRegistry, false);
    expect(extensionTypeOf(remote.encode(array))).toBe(ExtensionType.ndarray);
    // The suspension ends with the call: the local codec still uses the fast path afterwards.
    expect(extensionTypeOf(new PayloadCodec("local").encode(array))).toBe(ExtensionType.sharedMemoryArray);
  });

  test("a shared-memory file named by a remote worker is refused, not read", () => {
    enableSharedMemoryTransfers({ thresholdBytes: 64 });
    const bytes = new PayloadCodec("local").encode(NDArray.from(new Float64Array(1_000)));
    expect(() => new PayloadCodec("remote", typeRegistry, false).decode(bytes)).toThrow(CodecError);
    expect(() => new PayloadCodec("remote", typeRegistry, false).decode(bytes)).toThrow(/only a worker on this host may do/);
  });
});
