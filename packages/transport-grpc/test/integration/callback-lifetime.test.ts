import { RemoteRef } from "@snakepit/core";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { realWorkerImplementations } from "../support/implementations.js";
import { workerAbsence } from "../support/python-worker.js";
import { useWorkerSession } from "../support/worker-session.js";

/** Waits until `check()` holds: a liveness bound for messages in flight, not a timing assertion. */
async function eventually(check: () => boolean, limitMs = 10_000): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < limitMs; await sleep(10)) if (check()) return true;
  return check();
}

describe.skipIf(workerAbsence !== undefined).each(realWorkerImplementations)(`callback lifetime over %s, real worker${workerAbsence ? ` (skipped: ${workerAbsence})` : ""}`, (_name, createTransport) => {
  const live = useWorkerSession(createTransport, { fastLane: true });

  it("forgets a callback once the call that carried it is over and Python let it go", async () => {
    expect(await live.transport.call({ target: "functools.reduce", args: [(a: number, b: number) => a + b, [1, 2, 3]] })).toBe(6);
    expect(await eventually(() => live.transport.liveCallbacks === 0)).toBe(true);
  });

  it("keeps a callback held by a Python object until that object is released", async () => {
    const partial = await live.transport.call({ target: "functools.partial", args: [(a: number, b: number) => a * b, 6], resultMode: "ref" });
    expect(partial).toBeInstanceOf(RemoteRef);
    const ref = partial as RemoteRef;
    expect(await live.transport.call({ target: "", ref, args: [7] })).toBe(42);
    expect(live.transport.liveCallbacks).toBe(1);
    await live.transport.release([ref]);
    expect(await eventually(() => live.transport.liveCallbacks === 0)).toBe(true);
  });
});
