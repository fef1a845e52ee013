import assert from "node:assert/strict";
import { TimeoutError } from "@snakepit/core";
import { rejectsWith } from "../assertions.js";
import type { TransportTestContext } from "./transport-test-context.js";

/** Deadlines: a slow call rejects with TimeoutError and does not poison the transport. */
export function deadlineTests({ test }: TransportTestContext): void {
  test("deadline: time.sleep(1) with timeoutMs 50 rejects with TimeoutError", async (transport) => {
    const error = await rejectsWith(transport.call({ target: "time.sleep", args: [1] }, { timeoutMs: 50 }), TimeoutError);
    assert.equal(error.code, "TIMEOUT");
    assert.equal(error.timeoutMs, 50);
    assert.equal(error.target, "time.sleep");
  });

  test("deadline: a call that finishes within its deadline resolves", async (transport) => {
    assert.equal(await transport.call({ target: "math.sqrt", args: [25] }, { timeoutMs: 5_000 }), 5);
  });

  test("deadline: the transport keeps working after a timeout", async (transport) => {
    await rejectsWith(transport.call({ target: "time.sleep", args: [1] }, { timeoutMs: 50 }), TimeoutError);
    assert.equal(await transport.call({ target: "math.sqrt", args: [36] }), 6);
  });
}
