/**
 * Which session's worker polls between frames while many calls are in flight:
 * one session at a time in this process holds the grant, and its frames carry
 * `client_polling`, so after answering one the worker polls for the next
 * instead of sleeping (frames.py, lane_turns.py).
 *
 * Why: with 64 calls in flight Node spent ≈ 40% of its busy time in the
 * socket writes that wake a sleeping worker (on a VM, waking an idle vCPU is
 * an IPI and a VM exit, paid by the writer). A worker that polls is awake when
 * the next frame comes, and the write is a plain copy. But every polling
 * worker keeps a core busy, and Node needs one too: when both workers of the
 * bench polled, 64 calls in flight fell by 13–20% (sessions 4 and 5). One
 * grant leaves Node its core; the grant stays with its session while that
 * session has calls in flight, so it does not bounce between workers frame by
 * frame. Measured, 2 workers, 64 calls in flight, medians of 8 alternating
 * rounds in one process: +15–19% calls/s against no grant.
 */
export class PollGrant {
  #holder: { readonly inFlight: number } | undefined;

  /** True when `session` holds the grant now (taking it when it is free or its holder has nothing in flight). */
  take(session: { readonly inFlight: number }): boolean {
    const holder = this.#holder;
    if (holder !== session && holder !== undefined && holder.inFlight > 0) return false;
    this.#holder = session;
    return true;
  }

  /** `session` gives the grant back (it closed, or its stream ended). */
  release(session: { readonly inFlight: number }): void {
    if (this.#holder === session) this.#holder = undefined;
  }
}

/** The process's grant: Node's event loop is one thread, whatever the number of pools. */
export const processPollGrant = new PollGrant();
