import type { CallRequest, Transport } from "@snakepit/core";
import type { PythonProcess } from "./python-process.js";
import type { WorkerEndpoint } from "./worker-endpoint.js";

/** Where a worker is in its life. Only "ready" workers take new calls. */
export type WorkerState = "ready" | "retiring" | "dead";

/**
 * One supervised Python process and the transport that talks to it, with the
 * counters the scheduler needs. Plain bookkeeping: the pool decides.
 */
export class Worker {
  state: WorkerState = "ready";
  /** Calls sent and not yet settled (from our side). */
  inFlight = 0;
  /** Calls in flight placed by load, not packed onto the lane (kept by the scheduler). */
  readonly spreadCalls = new Set<CallRequest>();
  /** Calls completed since start, for recycling. */
  completed = 0;
  /** Settles when the process exits, with how it exited. */
  readonly exited: Promise<string>;

  constructor(
    readonly endpoint: WorkerEndpoint,
    readonly process: PythonProcess,
    readonly transport: Transport,
    readonly startedAt: number = Date.now(),
  ) {
    this.exited = process.exited;
  }

  get id(): string {
    return this.endpoint.id;
  }

  /** Takes new calls (the scheduler asks). */
  get accepting(): boolean {
    return this.state === "ready";
  }

  get alive(): boolean {
    return this.state !== "dead" && this.process.exitInfo === undefined;
  }

  /** True once the process is gone, waiting at most `ms` for the exit to be noticed. */
  async diedWithin(ms: number): Promise<boolean> {
    if (!this.alive) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
    const died = await Promise.race([this.exited.then(() => true), timeout]);
    clearTimeout(timer);
    return died;
  }
}
