import assert from "node:assert/strict";
import { SnakepitError, TransportError } from "@snakepit/core";
import { rejectsWith, sleep } from "../assertions.js";
import type { TransportTestContext } from "./transport-test-context.js";

/** Capabilities, health and close. */
export function lifecycleTests({ test }: TransportTestContext): void {
  test("lifecycle: capabilities are four booleans", async (transport) => {
    for (const name of ["nativeBatch", "streaming", "refs", "remoteCancellation"] as const) {
      assert.equal(typeof transport.capabilities[name], "boolean", `capabilities.${name} should be a boolean`);
    }
  });

  test("lifecycle: a fresh transport is healthy and reports its endpoints", async (transport) => {
    const health = await transport.health();
    assert.equal(health.ready, true);
    assert.ok(health.endpoints.length >= 1, "health should report at least one endpoint");
    for (const endpoint of health.endpoints) assert.equal(typeof endpoint.id, "string");
  });

  test("lifecycle: close is idempotent", async (transport) => {
    await transport.close();
    await transport.close();
  });

  test("lifecycle: calls after close reject with a SnakepitError", async (transport) => {
    await transport.close();
    await rejectsWith(transport.call({ target: "math.sqrt", args: [4] }), SnakepitError);
  });

  test("lifecycle: a call pending when close() runs rejects with TransportError", async (transport) => {
    const pending = transport.call({ target: "time.sleep", args: [1] });
    // Handle the rejection before closing: close() may settle it while it is still stopping workers.
    const rejected = rejectsWith(pending, TransportError);
    await sleep(20);
    await transport.close();
    await rejected;
  });
}
