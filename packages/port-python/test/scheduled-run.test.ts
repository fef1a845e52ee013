import { describe, expect, test } from "vitest";
import { RemoteRef, TransportError, WorkerCrashedError, type CallRequest, type TransportCallOptions } from "@snakepit/core";
import { runScheduled, type RunHooks } from "../src/scheduled-run.js";
import { WorkerScheduler, type Schedulable } from "../src/worker-scheduler.js";

class FakeWorker implements Schedulable {
  inFlight = 0;
  accepting = true;
  readonly spreadCalls = new Set<CallRequest>();
  constructor(readonly id: string) {}
}

/** Hooks over a real WorkerScheduler, counting how calls got their worker. */
function hooksFor(workers: FakeWorker[], capacity = 1) {
  const scheduler = new WorkerScheduler<FakeWorker>({
    capacity,
    maxQueue: 10,
    workers: () => workers,
    owner: (ref) => {
      const owner = workers.find((worker) => worker.id === ref.owner);
      if (!owner) throw new Error(`no worker ${ref.owner}`);
      return owner;
    },
  });
  const counts = { immediate: 0, queued: 0 };
  const hooks: RunHooks<FakeWorker> = {
    tryAcquire: (request, options) => {
      const worker = scheduler.tryAcquire(request, options);
      if (worker) counts.immediate++;
      return worker;
    },
    acquire: (request, options) => {
      counts.queued++;
      return scheduler.acquire(request, options);
    },
    settle: (worker, request) => scheduler.settle(worker, request),
    explain: (error) => Promise.resolve(error instanceof TransportError ? new WorkerCrashedError("f", "w1", "killed", { cause: error }) : (error as Error)),
  };
  return { hooks, counts };
}

describe("running a call on a scheduled worker", () => {
  test("a free worker takes the call at once; a busy pool queues it until a slot frees", async () => {
    const worker = new FakeWorker("w1");
    const { hooks, counts } = hooksFor([worker]);
    const seen: string[] = [];
    const options: TransportCallOptions = { onWorker: (id) => seen.push(id) };
    let release: (value: string) => void = () => undefined;
    const first = runScheduled(hooks, { target: "f" }, options, () => new Promise<string>((resolve) => (release = resolve)));
    const second = runScheduled(hooks, { target: "f" }, options, () => Promise.resolve("second"));
    expect(counts).toEqual({ immediate: 1, queued: 1 });
    expect(worker.inFlight).toBe(1);
    release("first");
    await expect(first).resolves.toBe("first");
    await expect(second).resolves.toBe("second");
    expect(worker.inFlight).toBe(0);
    expect(seen).toEqual(["w1", "w1"]);
  });

  test("a synchronous throw of the work rejects the call and frees the slot", async () => {
    const worker = new FakeWorker("w1");
    const { hooks } = hooksFor([worker]);
    const failing = runScheduled(hooks, { target: "f" }, {}, () => {
      throw new Error("refused by the codec");
    });
    await expect(failing).rejects.toThrow("refused by the codec");
    expect(worker.inFlight).toBe(0);
  });

  test("an idempotent call lost with its worker runs once more, and both slots are freed", async () => {
    const workers = [new FakeWorker("w1"), new FakeWorker("w2")];
    const { hooks } = hooksFor(workers);
    let attempts = 0;
    const result = await runScheduled(hooks, { target: "f" }, { idempotent: true }, (worker) => {
      attempts++;
      return attempts === 1 ? Promise.reject(new TransportError(`lost on ${worker.id}`)) : Promise.resolve(worker.id);
    });
    expect(attempts).toBe(2);
    expect(result).toBe("w2");
    expect(workers.map((worker) => worker.inFlight)).toEqual([0, 0]);
  });

  test("a call on a remote object whose worker is gone is rejected with the owner's error", async () => {
    const { hooks, counts } = hooksFor([new FakeWorker("w1")]);
    const orphan = new RemoteRef("r1", "pandas.DataFrame", "w9");
    await expect(runScheduled(hooks, { target: "", ref: orphan, attribute: "head" }, {}, () => Promise.resolve("never"))).rejects.toThrow("no worker w9");
    expect(counts).toEqual({ immediate: 0, queued: 1 });
  });
});
