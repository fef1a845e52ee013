import { RemoteRef } from "@snakepit/core";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BridgeTransport } from "../../src/bridge-transport.js";
import { realWorkerImplementations } from "../support/implementations.js";
import { startPythonWorker, workerAbsence, type RunningWorker } from "../support/python-worker.js";

/** Waits until `check()` holds: a liveness bound for messages in flight, not a timing assertion. */
async function eventually(check: () => boolean, limitMs = 10_000): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < limitMs; await sleep(10)) if (check()) return true;
  return check();
}

describe.skipIf(workerAbsence !== undefined).each(realWorkerImplementations)(`callback lifetime over %s, real worker${workerAbsence ? ` (skipped: ${workerAbsence})` : ""}`, (_name, createTransport) => {
  let worker: RunningWorker;
  let transport: BridgeTransport;

  beforeAll(async () => {
    worker = await startPythonWorker();
    transport = createTransport({ id: "py1", address: worker.address, frameAddress: worker.frameAddress, token: worker.token });
  }, 30_000);

  afterAll(async () => {
    await transport?.close();
    await worker?.stop();
  });

  it("forgets a callback once the call that carried it is over and Python let it go", async () => {
    expect(await transport.call({ target: "functools.reduce", args: [(a: number, b: number) => a + b, [1, 2, 3]] })).toBe(6);
    expect(await eventually(() => transport.liveCallbacks === 0)).toBe(true);
  });

  it("keeps a callback held by a Python object until that object is released", async () => {
    const partial = await transport.call({ target: "functools.partial", args: [(a: number, b: number) => a * b, 6], resultMode: "ref" });
    expect(partial).toBeInstanceOf(RemoteRef);
    const ref = partial as RemoteRef;
    expect(await transport.call({ target: "", ref, args: [7] })).toBe(42);
    expect(transport.liveCallbacks).toBe(1);
    await transport.release([ref]);
    expect(await eventually(() => transport.liveCallbacks === 0)).toBe(true);
  });
});
