import assert from "node:assert/strict";
import { CancelledError, NotFoundError, PythonError, type CallOutcome } from "@snakepit/core";
import type { TransportTestContext } from "./transport-test-context.js";

function rejection(outcome: CallOutcome | undefined, index: number): Error {
  assert.equal(outcome?.status, "rejected", `call ${index} of the batch should have failed`);
  return (outcome as { reason: Error }).reason;
}

/** Batches: one round trip, every slot settles on its own, failures stay in their slot. */
export function batchTests({ test }: TransportTestContext): void {
  test("batch: every call settles on its own, in order, failures in their slots", async (transport) => {
    const outcomes = await transport.batch([
      { target: "math.sqrt", args: [16] },
      { target: "math.sqrt", args: [-1] },
      { target: "operator.add", args: [1, 2] },
      { target: "math.no_such_function", args: [] },
      { target: "builtins.divmod", args: [7, 2] },
    ]);
    assert.equal(outcomes.length, 5);
    assert.deepEqual(outcomes[0], { status: "fulfilled", value: 4 });
    const valueError = rejection(outcomes[1], 1);
    assert.ok(valueError instanceof PythonError && valueError.pythonType === "ValueError", `slot 1 should be a ValueError, got ${valueError}`);
    assert.deepEqual(outcomes[2], { status: "fulfilled", value: 3 });
    assert.ok(rejection(outcomes[3], 3) instanceof NotFoundError, "slot 3 should be a NotFoundError");
    assert.equal(outcomes[4]?.status, "fulfilled");
    assert.deepEqual([...((outcomes[4] as { value: unknown[] }).value)], [3, 1]);
  });

  test("batch: stopOnError settles the calls after the first failure as CancelledError", async (transport) => {
    const outcomes = await transport.batch([
      { target: "math.sqrt", args: [4] },
      { target: "math.sqrt", args: [-1] },
      { target: "math.sqrt", args: [9] },
    ], { stopOnError: true });
    assert.deepEqual(outcomes[0], { status: "fulfilled", value: 2 });
    assert.ok(rejection(outcomes[1], 1) instanceof PythonError);
    assert.ok(rejection(outcomes[2], 2) instanceof CancelledError, "calls after the failure should be cancelled");
  });

  test("batch: an empty batch resolves to no outcomes", async (transport) => {
    assert.deepEqual(await transport.batch([]), []);
  });
}
