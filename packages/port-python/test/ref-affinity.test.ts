import { describe, expect, test } from "vitest";
import { NDArray, pipelineTarget, RemoteRef } from "@snakepit/core";
import { affinityOf } from "../src/ref-affinity.js";

const frame = new RemoteRef("r1", "pandas.DataFrame", "w2");

describe("which worker a call must run on", () => {
  test("a call on a remote object, or with one among its top-level arguments", () => {
    expect(affinityOf({ target: "", ref: frame, attribute: "head" })).toBe(frame);
    expect(affinityOf({ target: "numpy.mean", args: [1, frame] })).toBe(frame);
    expect(affinityOf({ target: "numpy.mean", args: [], kwargs: { a: frame } })).toBe(frame);
    expect(affinityOf({ target: "numpy.mean", args: [[frame]] })).toBeUndefined();
    expect(affinityOf({ target: "numpy.mean", args: [NDArray.from(new Float64Array(3))] })).toBeUndefined();
  });

  test("a pipeline, with the remote object anywhere in its graph", () => {
    const graph = [2, false, [[0, "numpy.mean", null, null, null, [{ nested: [new Map([["k", frame]])] }], null, null]], [0]];
    expect(affinityOf({ target: pipelineTarget, args: [graph] })).toBe(frame);
    expect(affinityOf({ target: pipelineTarget, args: [[2, false, [], []]] })).toBeUndefined();
  });
});
