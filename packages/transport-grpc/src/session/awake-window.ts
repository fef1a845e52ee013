/**
 * Keeping the event loop from sleeping while an answer is due within
 * microseconds: it turns through `setImmediate`, so libuv polls its sockets
 * without a timeout instead of blocking in epoll.
 *
 * Why: when a reply (or a Python loop's next callback invocation) arrives at a
 * sleeping event loop, the worker's write must wake this thread, and on a VM
 * waking an idle vCPU costs more than the call's own work. Measured on the
 * bench machine, with the worker polling too (lane_turns.py): a lone `add`
 * call's p50 went from ≈ 230 to 65–170 µs, a callback round trip from ≈ 250 to
 * 40–90 µs. An idle program never spins: a window opens only when calls or a
 * callback's answer have just left, and closes after `micros`.
 */
let awakeUntil = 0;
let turning = false;

function turn(): void {
  if (performance.now() < awakeUntil) setImmediate(turn);
  else turning = false;
}

/** Keeps the event loop polling for at least `micros` µs from now (0: nothing). One window per process: the event loop is. */
export function stayAwake(micros: number): void {
  if (micros <= 0) return;
  awakeUntil = Math.max(awakeUntil, performance.now() + micros / 1_000);
  if (turning) return;
  turning = true;
  setImmediate(turn);
}

/** The default window, µs: longer than a trivial call's round trip and than the gap between a numerical loop's callbacks. */
export const defaultSpinMicros = 300;

/**
 * When one session opens the window. After a callback's answer, always: the
 * next invocation of a Python loop follows within tens of µs. After a frame of
 * calls leaves, only while replies have recently come back within the window (a
 * moving average), so that calls of a slow function do not burn `micros` of
 * CPU each for nothing.
 *
 * A lone call, or a lone MAP batch (coalesced calls), keeps one worker busy
 * while the loop waits: polling for it, with the worker polling after it too
 * (ClientFrame.client_polling), took coalesced calls at 64 in flight from
 * 0.95–1.12× to 1.27–1.60× the raw baseline (session 5). With many calls in
 * flight the loop polls too since session 6: replies then come back 130–180 µs
 * after a frame leaves, a sleeping loop must be woken for each, and polling
 * took 64 plain calls in flight +5 to +17% in five sets of 10–12 alternating
 * rounds. (On the machine of session 4, where waking cost 71–128 µs, the same
 * measured −13%: only the workers never poll after such frames, since two
 * polling workers and a polling loop would share two cores.)
 */
export class AwakeWindow {
  #recentReplyMicros = 0;
  #sentAt = 0;

  constructor(readonly micros: number = defaultSpinMicros) {}

  /** A frame of calls left; true when the loop now polls for its replies (the window opened). */
  sent(): boolean {
    if (this.micros <= 0) return false;
    this.#sentAt = performance.now();
    if (this.#recentReplyMicros > this.micros) return false;
    stayAwake(this.micros);
    return true;
  }

  /** Replies arrived: how long since the last frame left feeds the average. */
  replied(): void {
    if (this.#sentAt === 0) return;
    const micros = (performance.now() - this.#sentAt) * 1_000;
    this.#sentAt = 0;
    this.#recentReplyMicros = this.#recentReplyMicros === 0 ? micros : 0.75 * this.#recentReplyMicros + 0.25 * micros;
  }

  /** A callback's answer left for Python. */
  answered(): void {
    stayAwake(this.micros);
  }

  /** The moving average of reply times, µs (tests, diagnostics). */
  get recentReplyMicros(): number {
    return this.#recentReplyMicros;
  }
}
