import assert from "node:assert/strict";
import { isRemoteRef, NotFoundError, PyTuple, type RemoteRef, type Transport } from "@snakepit/core";
import { rejectsWith } from "../assertions.js";
import type { TransportTestContext } from "./transport-test-context.js";

async function createCounter(transport: Transport, text: string): Promise<RemoteRef> {
  const ref = await transport.call({ target: "collections.Counter", args: [text], resultMode: "ref" });
  assert.ok(isRemoteRef(ref), `collections.Counter with resultMode "ref" should give a RemoteRef, got ${String(ref)}`);
  return ref;
}

/** Objects that stay in Python: construct, call methods, read and write attributes, pass back, release. */
export function refTests({ test }: TransportTestContext): void {
  test("refs: constructing with resultMode ref gives a RemoteRef", async (transport) => {
    const ref = await createCounter(transport, "abracadabra");
    assert.equal(typeof ref.id, "string");
    assert.ok(ref.id.length > 0, "a ref needs a non-empty id");
    assert.match(ref.pythonType, /Counter$/);
  });

  test("refs: a method call on a ref — Counter('abracadabra').most_common(2) is [('a', 5), ('b', 2)]", async (transport) => {
    const ref = await createCounter(transport, "abracadabra");
    const result = await transport.call({ target: "", ref, attribute: "most_common", args: [2] });
    assert.ok(Array.isArray(result), `most_common should give a list, got ${String(result)}`);
    const pairs = result as unknown[];
    assert.deepEqual(pairs.map((pair) => (pair instanceof PyTuple ? [...pair] : pair)), [["a", 5], ["b", 2]]);
    assert.ok(pairs.every((pair) => pair instanceof PyTuple), "each (element, count) pair should be a PyTuple");
  });

  test("refs: a value with no codec mapping comes back as a ref in auto mode — fractions.Fraction(6, 8)", async (transport) => {
    const ref = await transport.call({ target: "fractions.Fraction", args: [6, 8] });
    assert.ok(isRemoteRef(ref), `a Fraction cannot be copied, so it should stay remote; got ${String(ref)}`);
  });

  test("refs: getattr on a ref reads attributes — Fraction(6, 8) is 3/4", async (transport) => {
    const ref = await transport.call({ target: "fractions.Fraction", args: [6, 8], resultMode: "ref" }) as RemoteRef;
    assert.equal(await transport.call({ target: "", ref, attribute: "numerator", kind: "getattr" }), 3);
    assert.equal(await transport.call({ target: "", ref, attribute: "denominator", kind: "getattr" }), 4);
  });

  test("refs: setattr then getattr — types.SimpleNamespace(a=1), then b = 2", async (transport) => {
    const ref = await transport.call({ target: "types.SimpleNamespace", kwargs: { a: 1 }, resultMode: "ref" }) as RemoteRef;
    await transport.call({ target: "", ref, attribute: "b", kind: "setattr", args: [2] });
    assert.equal(await transport.call({ target: "", ref, attribute: "a", kind: "getattr" }), 1);
    assert.equal(await transport.call({ target: "", ref, attribute: "b", kind: "getattr" }), 2);
  });

  test("refs: a ref passed as an argument is the Python object — sorted(Counter('abracadabra'))", async (transport) => {
    const ref = await createCounter(transport, "abracadabra");
    assert.deepEqual(await transport.call({ target: "builtins.sorted", args: [ref] }), ["a", "b", "c", "d", "r"]);
  });

  test("refs: calls on a released ref reject with NotFoundError", async (transport) => {
    const ref = await createCounter(transport, "abc");
    await transport.release([ref]);
    await rejectsWith(transport.call({ target: "", ref, attribute: "most_common", args: [1] }), NotFoundError);
  });

  test("refs: releasing twice, or releasing nothing, is not an error", async (transport) => {
    const ref = await createCounter(transport, "abc");
    await transport.release([ref]);
    await transport.release([ref]);
    await transport.release([]);
  });
}
