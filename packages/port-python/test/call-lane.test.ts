import { describe, expect, test } from "vitest";
import { RemoteRef, type CallRequest } from "@snakepit/core";
import { CallCosts } from "../src/call-costs.js";
import { WorkerScheduler, type Schedulable } from "../src/worker-scheduler.js";

class FakeWorker implements Schedulable {
  inFlight = 0;
  accepting = true;
  readonly spreadCalls = new Set<CallRequest>();
  constructor(readonly id: string) {}
}

/** Two workers (capacity 4 each, a lane of 8) and a cost table where "operator.add" is cheap and "time.sleep" costly. */
function laneScheduler() {
  const workers = [new FakeWorker("w1"), new FakeWorker("w2")];
  const costs = new CallCosts(5);
  costs.observe("operator.add", 1.5);
  costs.observe("time.sleep", 50_000);
  const scheduler = new WorkerScheduler<FakeWorker>({
    capacity: 4,
    maxQueue: 100,
    workers: () => workers,
    owner: (ref) => { const owner = workers.find((worker) => worker.id === ref.owner); if (!owner) throw new Error(`no worker ${ref.owner}`); return owner; },
    lane: { cheap: (target) => costs.cheap(target), capacity: 8 },
  });
  const place = (target: string, mayPack = true) => {
    const request: CallRequest = { target };
    const worker = scheduler.tryAcquire(request, {}, mayPack);
    return { request, worker, packed: worker !== undefined && worker === scheduler.lane };
  };
  return { workers, costs, scheduler, place };
}

describe("the cost of a path, learned from the workers' reports", () => {
  test("a path is cheap once its reports are: the median of the last three, the larger of the first two", () => {
    const costs = new CallCosts(5);
    expect(costs.cheap("f")).toBe(false); // never seen: spread
    costs.observe("f", 120_000); // the first call imported a module
    expect(costs.cheap("f")).toBe(false);
    costs.observe("f", 1);
    expect(costs.cheap("f")).toBe(false); // the larger of two
    costs.observe("f", 2);
    expect(costs.estimate("f")).toBe(2);
    expect(costs.cheap("f")).toBe(true);
  });

  test("one slow frame (the worker descheduled mid-frame) does not stop the packing; two in a row do", () => {
    const costs = new CallCosts(5);
    for (const micros of [1, 1, 1, 400]) costs.observe("f", micros);
    expect(costs.cheap("f")).toBe(true);
    costs.observe("f", 350);
    expect(costs.cheap("f")).toBe(false);
    costs.observe("g", 50_000);
    expect(costs.cheap("g")).toBe(false);
  });

  test("the table is bounded: past its size the oldest path is forgotten", () => {
    const costs = new CallCosts(5, 3);
    for (const target of ["a", "b", "c", "d"]) costs.observe(target, 1);
    expect(["a", "b", "c", "d"].map((target) => costs.cheap(target))).toEqual([false, true, true, true]);
  });

  test("0 µs packs nothing", () => {
    const costs = new CallCosts(0);
    costs.observe("f", 0.5);
    expect(costs.cheap("f")).toBe(false);
  });
});

describe("packing calls of cheap paths onto one worker", () => {
  test("cheap calls go to the first worker, past the per-worker capacity, up to the lane's", () => {
    const { workers, place } = laneScheduler();
    const placed = Array.from({ length: 10 }, () => place("operator.add"));
    expect(placed.map(({ worker, packed }) => `${worker?.id}${packed ? "*" : ""}`)).toEqual([...Array(8).fill("w1*"), "w2", "w2"]);
    expect(workers.map((worker) => worker.inFlight)).toEqual([8, 2]);
  });

  test("a Promise.all of costly calls is still spread over every worker", () => {
    const { place } = laneScheduler();
    expect(Array.from({ length: 6 }, () => place("time.sleep").worker?.id)).toEqual(["w1", "w2", "w1", "w2", "w1", "w2"]);
  });

  test("a path never reported is spread, and so are batch shares and calls that may not pack", () => {
    const { place } = laneScheduler();
    expect([place("unseen.f"), place("unseen.f")].map(({ worker, packed }) => [worker?.id, packed])).toEqual([["w1", false], ["w2", false]]);
    const other = laneScheduler();
    expect([other.place("operator.add", false), other.place("operator.add", false)].map(({ worker, packed }) => [worker?.id, packed])).toEqual([["w1", false], ["w2", false]]);
  });

  test("no cheap call is packed behind a costly one: the lane moves to a worker with nothing else in flight", () => {
    const { place, scheduler, workers } = laneScheduler();
    const slow = place("time.sleep");
    expect(slow.worker?.id).toBe("w1");
    expect([place("operator.add"), place("operator.add")].map(({ worker, packed }) => [worker?.id, packed])).toEqual([["w2", true], ["w2", true]]);
    scheduler.settle(workers[0] as FakeWorker, slow.request);
    expect(place("operator.add").worker?.id).toBe("w1"); // back in the lane once its costly call is done
  });

  test("a costly call that lands on the lane worker ends its lane: later calls there are not marked packed", () => {
    const { place, scheduler } = laneScheduler();
    place("operator.add");
    expect(scheduler.lane?.id).toBe("w1");
    const owned = scheduler.tryAcquire({ target: "", ref: new RemoteRef("r1", "builtins.dict", "w1"), attribute: "get" }, {});
    expect(owned?.id).toBe("w1");
    expect(scheduler.lane).toBeUndefined();
    expect(place("operator.add")).toMatchObject({ packed: true, worker: { id: "w2" } });
  });

  test("a cheap call does not overtake calls waiting in the queue into the lane's extra room", async () => {
    const { place, scheduler, workers } = laneScheduler();
    const packed = Array.from({ length: 4 }, () => place("operator.add")); // w1: the lane, at the per-worker capacity
    expect(packed.map(({ worker, packed }) => `${worker?.id}${packed ? "*" : ""}`)).toEqual(Array(4).fill("w1*"));
    expect(Array.from({ length: 4 }, () => place("time.sleep").worker?.id)).toEqual(Array(4).fill("w2"));
    const waiting = scheduler.acquire({ target: "time.sleep" }, {});
    expect(scheduler.queued).toBe(1);
    expect(place("operator.add").worker).toBeUndefined(); // the lane has room, but a call waits: queue behind it
    const first = packed[0];
    scheduler.settle(first?.worker as FakeWorker, first?.request as CallRequest);
    await expect(waiting).resolves.toBe(workers[0]);
  });

  test("settling frees the slots and the spread bookkeeping", () => {
    const { place, scheduler, workers } = laneScheduler();
    const calls = [place("time.sleep"), place("operator.add"), place("time.sleep")];
    for (const { worker, request } of calls) scheduler.settle(worker as FakeWorker, request);
    expect(workers.map((worker) => [worker.inFlight, worker.spreadCalls.size])).toEqual([[0, 0], [0, 0]]);
  });
});
