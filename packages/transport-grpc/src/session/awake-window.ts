/**
 * Keeps the event loop from sleeping for a short while: it turns through
 * `setImmediate`, so libuv polls its sockets without a timeout instead of
 * blocking in epoll.
 *
 * Why: a Python loop that calls a TypeScript function (a scipy objective, a
 * progress hook) sends the next invocation tens of microseconds after our
 * reply. If the loop has gone to sleep by then, the worker's write must wake
 * this thread, and on a VM waking an idle vCPU costs more than the callback's
 * own work; measured on the bench machine, a callback round trip went from
 * ≈ 250 to ≈ 70 µs with both sides polling (the worker does the same while it
 * waits for our reply: LaneTurns.spin). The window is short and only opens
 * after a callback reply, so an idle process never spins.
 *
 * One window per process: the event loop is.
 */
let awakeUntil = 0;
let turning = false;

function turn(): void {
  if (performance.now() < awakeUntil) setImmediate(turn);
  else turning = false;
}

/** Keeps the event loop polling for at least `micros` µs from now (0: nothing). */
export function stayAwake(micros: number): void {
  if (micros <= 0) return;
  awakeUntil = performance.now() + micros / 1_000;
  if (turning) return;
  turning = true;
  setImmediate(turn);
}

/** The default window after a callback reply, µs: longer than the gap between a numerical loop's calls. */
export const defaultCallbackSpinMicros = 200;
