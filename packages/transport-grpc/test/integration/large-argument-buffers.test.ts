import { NDArray } from "@snakepit/core";
import { describe, expect, it, vi } from "vitest";
import { freeLargeBuffers } from "../../src/codec/large-buffer-pool.js";
import { disableSharedMemoryTransfers } from "../../src/codec/shared-memory-extension.js";
import { realWorkerImplementations } from "../support/implementations.js";
import { workerAbsence } from "../support/python-worker.js";
import { useWorkerSession } from "../support/worker-session.js";

const framed = realWorkerImplementations.find(([name]) => name === "framed");
if (!framed) throw new Error("the framed transport is one of the real-worker implementations");

/** 2 MB of float64, all `value`: a large argument, encoded into a lent buffer. */
function filled(value: number): NDArray {
  return NDArray.from(new Float64Array(262_144).fill(value));
}

describe.skipIf(workerAbsence !== undefined)("large arguments over the fast lane reuse their encoding buffers", () => {
  const live = useWorkerSession(framed[1], { fastLane: true });

  it("gives the buffer back once the socket wrote it, and the next large argument is encoded into it", async () => {
    disableSharedMemoryTransfers(); // through the socket, not /dev/shm
    await expect(live.transport.call({ target: "numpy.sum", args: [filled(1)] })).resolves.toBe(262_144);
    // The write's callback may run a turn of the event loop after the reply came.
    await vi.waitFor(() => expect(freeLargeBuffers().length).toBe(1));
    const [first] = freeLargeBuffers();
    await expect(live.transport.call({ target: "numpy.sum", args: [filled(2)] })).resolves.toBe(524_288);
    // The second call took the first one's buffer and gave it back: no new buffer.
    await vi.waitFor(() => expect(freeLargeBuffers()).toHaveLength(1));
    expect(freeLargeBuffers()[0]).toBe(first);
  });

  it("never lets one call's bytes overwrite another's: concurrent large calls all sum right", async () => {
    disableSharedMemoryTransfers();
    for (let round = 0; round < 3; round++) {
      const values = Array.from({ length: 6 }, (_, index) => round * 10 + index + 1);
      const sums = await Promise.all(values.map((value) => live.transport.call({ target: "numpy.sum", args: [filled(value)] })));
      expect(sums).toEqual(values.map((value) => value * 262_144));
    }
  });
});
