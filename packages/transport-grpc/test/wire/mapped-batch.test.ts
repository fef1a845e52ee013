import { NotFoundError, PythonError, RemoteRef, TransportError } from "@snakepit/core";
import { describe, expect, it } from "vitest";
import { PayloadCodec } from "../../src/codec/payload-codec.js";
import { CallKind } from "../../src/gen/snakepit/v1/bridge_pb.js";
import { encodeMappedArguments, outcomesOfMappedValue, settleMappedValue, toMappedWireCall, uniformTarget } from "../../src/session/mapped-batch.js";

const adds = (count: number) => Array.from({ length: count }, (_, index) => ({ target: "operator.add", args: [index, 1] }));

describe("uniform batches travel as one MAP call", () => {
  it("takes plain calls of one dotted path, four or more, without stop-on-error", () => {
    expect(uniformTarget(adds(4), {})).toBe("operator.add");
    expect(uniformTarget(adds(3), {})).toBeUndefined();
    expect(uniformTarget(adds(8), { stopOnError: true })).toBeUndefined();
    expect(uniformTarget([...adds(4), { target: "operator.mul", args: [1, 2] }], {})).toBeUndefined();
    expect(uniformTarget([...adds(4), { target: "operator.add", kind: "getattr" }], {})).toBeUndefined();
    expect(uniformTarget([...adds(4), { target: "operator.add", resultMode: "ref" }], {})).toBeUndefined();
    expect(uniformTarget(adds(4).map((call) => ({ ...call, resultMode: "ref" as const })), {})).toBeUndefined();
    const ref = new RemoteRef("r1", "Counter", "w1");
    expect(uniformTarget(Array.from({ length: 4 }, () => ({ target: "", ref, attribute: "total" })), {})).toBeUndefined();
  });

  it("encodes every element's arguments in one array, and keyword maps only when some call has them", () => {
    const codec = new PayloadCodec("w1");
    const plain = encodeMappedArguments(adds(4), codec);
    expect(plain && codec.decode(plain.args)).toEqual([[0, 1], [1, 1], [2, 1], [3, 1]]);
    expect(plain?.kwargs.byteLength).toBe(0);
    const keyed = encodeMappedArguments([...adds(3), { target: "operator.add", args: [1], kwargs: { b: 2 } }], codec);
    expect(keyed && codec.decode(keyed.kwargs)).toEqual([{}, {}, {}, { b: 2 }]);
    expect(encodeMappedArguments([...adds(3), { target: "operator.add", args: [Symbol("no")] }], codec)).toBeUndefined();
    const wire = toMappedWireCall("operator.add", adds(4), plain ?? { args: new Uint8Array(), kwargs: new Uint8Array() }, 7n, { timeoutMs: 1.5 });
    expect(wire).toMatchObject({ id: 7n, target: "operator.add", kind: CallKind.MAP, deadlineMs: 2 });
  });

  it("splits [results, failures] into outcomes in order, with typed errors", () => {
    const outcomes = outcomesOfMappedValue([[4, null, null], [[1, "ValueError", "builtins", "math domain error", "Traceback…", ""], [2, "BridgeError", "snakepit_bridge.errors", "no such thing", "", "not_found"]]], 3, { target: "math.sqrt" });
    expect(outcomes[0]).toEqual({ status: "fulfilled", value: 4 });
    expect(outcomes[1]?.status === "rejected" && outcomes[1].reason).toBeInstanceOf(PythonError);
    expect(outcomes[1]?.status === "rejected" && outcomes[1].reason).toMatchObject({ pythonType: "ValueError", traceback: "Traceback…" });
    expect(outcomes[2]?.status === "rejected" && outcomes[2].reason).toBeInstanceOf(NotFoundError);
  });

  it("settles folded calls one by one, and settles none when a failure entry is malformed", () => {
    const settled: string[] = [];
    const fulfil = (index: number, value: unknown) => settled.push(`${index}=${String(value)}`);
    const fail = (index: number, reason: Error) => settled.push(`${index}!${reason.constructor.name}`);
    settleMappedValue([[3, null, 5], [[1, "ValueError", "builtins", "bad", "", ""]]], 3, { target: "f" }, fulfil, fail);
    expect(settled).toEqual(["0=3", "1!PythonError", "2=5"]);
    settled.length = 0;
    expect(() => settleMappedValue([[3, 4], [[0, "ValueError", "builtins", "bad", "", ""], ["oops"]]], 2, { target: "f" }, fulfil, fail)).toThrow(/malformed/);
    expect(settled).toEqual([]);
  });

  it("refuses a result of the wrong shape instead of guessing", () => {
    expect(() => outcomesOfMappedValue([[1, 2]], 2, { target: "operator.add" })).toThrow(TransportError);
    expect(() => outcomesOfMappedValue([[1], []], 2, { target: "operator.add" })).toThrow(/malformed MAP result/);
    expect(() => outcomesOfMappedValue([[1, 2], [[5, "E", "m", "x", "", ""]]], 2, { target: "operator.add" })).toThrow(/malformed/);
  });
});
