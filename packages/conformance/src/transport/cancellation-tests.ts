import assert from "node:assert/strict";
import { CancelledError } from "@snakepit/core";
import { rejectsWith, sleep } from "../assertions.js";
import type { TransportTestContext } from "./transport-test-context.js";

/** Aborts through AbortSignal reject with CancelledError, before or during a call. */
export function cancellationTests({ test }: TransportTestContext, { streaming }: { readonly streaming: boolean }): void {
  test("cancel: aborting during time.sleep(1) rejects with CancelledError", async (transport) => {
    const controller = new AbortController();
    const call = transport.call({ target: "time.sleep", args: [1] }, { signal: controller.signal });
    await sleep(20);
    controller.abort();
    const error = await rejectsWith(call, CancelledError);
    assert.equal(error.code, "CANCELLED");
  });

  test("cancel: an already aborted signal rejects with CancelledError", async (transport) => {
    await rejectsWith(transport.call({ target: "math.sqrt", args: [4] }, { signal: AbortSignal.abort() }), CancelledError);
  });

  test("cancel: the transport keeps working after an abort", async (transport) => {
    const controller = new AbortController();
    const call = transport.call({ target: "time.sleep", args: [1] }, { signal: controller.signal });
    controller.abort();
    await rejectsWith(call, CancelledError);
    assert.equal(await transport.call({ target: "math.sqrt", args: [49] }), 7);
  });

  if (!streaming) return;

  test("cancel: aborting a stream of itertools.count() rejects it with CancelledError", async (transport) => {
    const controller = new AbortController();
    const received: unknown[] = [];
    const error = await rejectsWith((async () => {
      for await (const item of transport.stream({ target: "itertools.count", args: [0] }, { signal: controller.signal })) {
        received.push(item);
        if (received.length === 2) controller.abort();
        if (received.length > 10_000) break;
      }
    })(), CancelledError);
    assert.ok(error instanceof CancelledError);
    assert.ok(received.length >= 2, "items before the abort should have arrived");
  });
}
