import { readdirSync } from "node:fs";
import { NDArray } from "@snakepit/core";
import { afterEach, describe, expect, it } from "vitest";
import { ExtensionType } from "../../src/codec/extension-types.js";
import { PayloadCodec } from "../../src/codec/payload-codec.js";
import { disableSharedMemoryTransfers, enableSharedMemoryTransfers, sharedMemoryFolder } from "../../src/codec/shared-memory-extension.js";
import { implementations } from "../support/implementations.js";
import { workerAbsence } from "../support/python-worker.js";
import { useWorkerSession } from "../support/worker-session.js";

const [, createTransport] = implementations[0] as (typeof implementations)[number];
const shmAbsence = workerAbsence ?? (enableSharedMemoryTransfers() ? undefined : "no /dev/shm on this host");
disableSharedMemoryTransfers();

/** The file path inside an ext 10 value encoded at the top level. */
function sharedFileOf(bytes: Uint8Array): string {
  // ext 8 header: 0xc7, 1-byte length, type; then the ext 1 header of a 1-D array (2 + 4 bytes).
  expect(bytes[0]).toBe(0xc7);
  expect(bytes[2]).toBe(ExtensionType.sharedMemoryArray);
  return new TextDecoder().decode(bytes.subarray(3 + 6));
}

describe.skipIf(shmAbsence !== undefined)(`the same-host fast path for large arrays${shmAbsence ? ` (skipped: ${shmAbsence})` : ""}`, () => {
  const live = useWorkerSession(createTransport);
  afterEach(() => disableSharedMemoryTransfers());

  it("arrays above the threshold travel as ext 10 naming a /dev/shm file; smaller ones stay ext 1", () => {
    enableSharedMemoryTransfers({ thresholdBytes: 64 });
    const codec = new PayloadCodec("w1");
    const path = sharedFileOf(codec.encode(new Float64Array(8)));
    expect(path).toMatch(/^\/dev\/shm\/snakepit-[^/]+\/\d+-\d+\.(slot|bin)$/);
    expect(codec.encode(new Float64Array(7))[2]).toBe(ExtensionType.ndarray);
  });

  it("numpy sees the same values, and the worker gives back the file it mapped", async () => {
    enableSharedMemoryTransfers({ thresholdBytes: 1 << 20 });
    const lent = () => readdirSync(sharedMemoryFolder()).filter((name) => !name.endsWith(".free")).length;
    const before = lent();
    const values = Float64Array.from({ length: 1_000_000 }, (_, index) => index % 7);
    const expected = values.reduce((sum, value) => sum + value, 0);
    await expect(live.transport.call({ target: "numpy.sum", args: [NDArray.from(values, [1_000, 1_000])] })).resolves.toBe(expected);
    await expect(live.transport.call({ target: "numpy.shape", args: [values] })).resolves.toEqual([1_000_000]);
    expect(lent()).toBe(before);
  });
});
