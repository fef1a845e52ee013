import { WorkerCrashedError } from "@snakepit/core";

/**
 * A remote worker was lost under a call, or holds an object no longer
 * reachable. A WorkerCrashedError (same `code`, same `instanceof`, same
 * retry rules) whose message fits a fleet: nothing restarts the worker here,
 * the fleet only stops sending it calls until it answers again.
 *
 * @example
 * if (error instanceof WorkerCrashedError) console.log(error.worker); // "host-2 (10.0.0.6:50051)"
 */
export class EndpointLostError extends WorkerCrashedError {
  constructor(target: string, endpoint: string, detail: string, advice: string, options?: ErrorOptions) {
    super(target, endpoint, detail, options);
    this.message = `${target} was lost: remote worker ${endpoint} ${detail}. ${advice}`;
  }
}

/** What to do about a call lost in flight. */
export const retryAdvice = "The fleet takes the worker out of rotation until it answers again; mark the call idempotent to let Snakepit run it on another worker, or retry it yourself.";

/** What to do about an object that lived on a lost worker. */
export const recreateAdvice = "Remote objects do not survive their worker; create the object again.";
