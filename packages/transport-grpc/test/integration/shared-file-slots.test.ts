import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { NDArray, type RemoteRef } from "@snakepit/core";
import { afterEach, describe, expect, it } from "vitest";
import { disableSharedMemoryTransfers, enableSharedMemoryTransfers, sharedMemoryFolder } from "../../src/codec/shared-memory-extension.js";
import { implementations } from "../support/implementations.js";
import { workerAbsence } from "../support/python-worker.js";
import { useWorkerSession } from "../support/worker-session.js";

const [, createTransport] = implementations[0] as (typeof implementations)[number];
const shmAbsence = workerAbsence ?? (enableSharedMemoryTransfers() ? undefined : "no /dev/shm on this host");
disableSharedMemoryTransfers();

/** 1 MB float64 arrays, all elements `value`: over the fast path's threshold. */
function filled(value: number): NDArray {
  return NDArray.from(new Float64Array(131_072).fill(value));
}

function files(suffix: string): string[] {
  return readdirSync(sharedMemoryFolder()).filter((name) => name.endsWith(suffix)).sort();
}

describe.skipIf(shmAbsence !== undefined)(`reused /dev/shm files of the fast path${shmAbsence ? ` (skipped: ${shmAbsence})` : ""}`, () => {
  const live = useWorkerSession(createTransport);
  afterEach(() => disableSharedMemoryTransfers());

  it("a file Python gave back is overwritten in place by the next array", async () => {
    enableSharedMemoryTransfers({ thresholdBytes: 1 << 20 });
    await expect(live.transport.call({ target: "numpy.sum", args: [filled(1)] })).resolves.toBe(131_072);
    const returned = files(".free");
    expect(returned.length).toBeGreaterThan(0);
    await expect(live.transport.call({ target: "numpy.sum", args: [filled(2)] })).resolves.toBe(262_144);
    // No new file: the second array went into a slot the first one used.
    expect(files(".free")).toEqual(returned);
    expect(files(".slot").filter((name) => !returned.includes(name.replace(".slot", ".free")))).toEqual([]);
  });

  it("never overwrites a file whose array Python still holds", async () => {
    enableSharedMemoryTransfers({ thresholdBytes: 1 << 20 });
    // numpy.asarray returns the mapped array itself; as a ref it stays alive in the live.worker.
    const held = (await live.transport.call({ target: "numpy.asarray", args: [filled(3)], resultMode: "ref" })) as RemoteRef;
    const lent = files(".slot");
    for (const value of [4, 5, 6, 7, 8, 9]) await expect(live.transport.call({ target: "numpy.sum", args: [filled(value)] })).resolves.toBe(131_072 * value);
    await expect(live.transport.call({ target: "", ref: held, attribute: "sum", args: [] })).resolves.toBe(131_072 * 3);
    expect(files(".slot")).toEqual(lent);
  });

  it("the folder and every file in it go when the Node process exits", () => {
    const module = fileURLToPath(new URL("../../dist/codec/shared-memory-extension.js", import.meta.url));
    const script = `
      import { enableSharedMemoryTransfers, sharedMemoryFolder, writeSharedFile } from ${JSON.stringify(module)};
      enableSharedMemoryTransfers({ thresholdBytes: 8 });
      writeSharedFile(new Uint8Array(4096));
      writeSharedFile([new Uint8Array(8), new Uint8Array(8)]);
      console.log(sharedMemoryFolder());`;
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(child.stderr).toBe("");
    const folder = child.stdout.trim();
    expect(folder).toMatch(/^\/dev\/shm\/snakepit-/);
    expect(existsSync(folder)).toBe(false);
  });
});
