import type { CallRequest, Transport } from "@snakepit/core";
import type { RemoteEndpoint } from "./remote-fleet-options.js";

/**
 * One remote endpoint of a fleet and the transport of its current
 * incarnation. `transportId` changes when the worker behind the address was
 * restarted (another instance id), so refs from the old process are recognised as
 * lost instead of being sent to a process that never made them.
 */
export class FleetMember {
  /** "up": in rotation; "down": out of rotation, probed until it answers. */
  state: "up" | "down" = "down";
  inFlight = 0;
  /** Calls in flight placed by load (the scheduler keeps it; a fleet does not pack calls). */
  readonly spreadCalls = new Set<CallRequest>();
  /** Why it is out of rotation. */
  problem = "not checked yet";
  /** Process id reported by the last successful health check. */
  pid: number | undefined;
  /**
   * Which process answered the last health check: the worker's random
   * instance id (the pid for a bridge too old to send one). Pids repeat
   * across container restarts; instance ids do not.
   */
  instance: string | undefined;
  /**
   * The connection of an endpoint that left the rotation while draining
   * (SIGTERM, a rolling update): its calls in flight finish on it; it is
   * closed once the member has none.
   */
  lingering: Transport | undefined;
  /** Health checks in a row that got no answer in time (one slow answer is not a death). */
  missedChecks = 0;
  /** Left the discovered endpoints: never probed again. */
  removed = false;
  /** A health check under way, shared by everyone who asks meanwhile. */
  checking: Promise<boolean> | undefined;
  #incarnation = 0;

  constructor(readonly endpoint: RemoteEndpoint, public transport: Transport | undefined = undefined) {}

  /** Name in errors, events and health. */
  get name(): string {
    return this.endpoint.name ?? this.endpoint.address;
  }

  /** The name, as the scheduler reports it (snakepit.worker.id on call spans). */
  get id(): string {
    return this.name;
  }

  /** "name (host:port)", or just the address when the name is the address. */
  get label(): string {
    return this.endpoint.name ? `${this.endpoint.name} (${this.endpoint.address})` : this.endpoint.address;
  }

  get accepting(): boolean {
    return this.state === "up";
  }

  /** The owner stamped on refs of the current incarnation. */
  get transportId(): string {
    return this.#incarnation <= 1 ? this.name : `${this.name}#${this.#incarnation}`;
  }

  /** Next incarnation's id (a restarted process behind the same address). */
  nextTransportId(): string {
    this.#incarnation++;
    return this.transportId;
  }
}
