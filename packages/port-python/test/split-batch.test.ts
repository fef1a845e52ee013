import { describe, expect, test } from "vitest";
import { RemoteRef, type CallRequest } from "@snakepit/core";
import { splitBatch } from "../src/index.js";

const call = (index: number, owner?: string): CallRequest => ({ target: `f${index}`, ...(owner ? { ref: new RemoteRef(`r${index}`, "T", owner) } : {}) });

describe("splitBatch", () => {
  test("keeps small batches in one message", () => {
    const groups = splitBatch(Array.from({ length: 10 }, (_, index) => call(index)), 4);
    expect(groups).toHaveLength(1);
    expect(groups[0]?.indexes).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  test("shares large batches across workers, every index exactly once", () => {
    const groups = splitBatch(Array.from({ length: 1000 }, (_, index) => call(index)), 2);
    expect(groups).toHaveLength(2);
    expect(groups.flatMap((group) => group.indexes).sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, index) => index));
  });

  test("calls on remote objects stay with their owner", () => {
    const groups = splitBatch([call(0, "w1"), call(1), call(2, "w2"), call(3, "w1")], 2);
    const owners = groups.map((group) => group.requests.map((request) => request.ref?.owner ?? "-").join(","));
    expect(owners).toEqual(["w1,w1", "w2", "-"]);
  });
});
