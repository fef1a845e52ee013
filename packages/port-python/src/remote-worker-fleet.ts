import {
  CancelledError, TimeoutError, TransportError, describeTarget,
  type BatchOptions, type CallOutcome, type CallRequest, type Description, type EndpointHealth, type HealthStatus, type RemoteRef,
  type ToolRegistry, type Transport, type TransportCallOptions,
} from "@snakepit/core";
import { EndpointLostError, recreateAdvice, retryAdvice } from "./endpoint-lost-error.js";
import { FleetMember } from "./fleet-member.js";
import { affinityOf } from "./ref-affinity.js";
import { resolveFleetOptions, type RemoteEndpoint, type RemoteFleetOptions, type ResolvedFleetOptions } from "./remote-fleet-options.js";
import { runScheduled, runScheduledBatch, streamScheduled, type RunHooks } from "./scheduled-run.js";
import { WorkerScheduler } from "./worker-scheduler.js";

/** What a fleet reports about each endpoint (diagnostics and tests). */
export interface FleetEndpointState {
  readonly name: string;
  readonly address: string;
  readonly state: "up" | "down";
  readonly inFlight: number;
  readonly pid?: number | undefined;
  readonly problem?: string | undefined;
}

/**
 * Workers on other machines behind the Transport interface: client-side load
 * balancing over standalone workers (`python -m snakepit_bridge serve
 * --listen … --tls-cert …`), with the local pool's scheduling (least loaded,
 * ref affinity, bounded queue) and idempotent retry.
 *
 * Health: every endpoint in rotation gets a Health RPC every
 * `healthIntervalMs`, and at once when a call on it fails at the connection.
 * An endpoint that refuses the connection or misses two checks in a row
 * leaves the rotation: its calls in flight fail with WorkerCrashedError
 * naming it (idempotent ones are retried once on another endpoint), calls on
 * objects it holds fail the same way, and it is probed with a doubling delay
 * until it answers again. One that reports draining (SIGTERM) leaves the
 * rotation but keeps its connection for the calls it is finishing. The fleet does not
 * start or restart processes: that is the job of whatever runs the workers
 * (Kubernetes, systemd).
 *
 * Same-host fast paths (the framed socket, /dev/shm) are never used here.
 *
 * @example
 * const fleet = await RemoteWorkerFleet.start({
 *   endpoints: [{ address: "10.0.0.5:50051" }, { address: "10.0.0.6:50051" }],
 *   token, tls: { ca, cert, key }, transportFactory: createGrpcTransport,
 * });
 * const py = createSnakepit({ transport: fleet });
 */
export class RemoteWorkerFleet implements Transport {
  readonly capabilities = { nativeBatch: true, streaming: true, refs: true, remoteCancellation: true };
  readonly #options: ResolvedFleetOptions;
  /** In a stable order; discovery adds and removes members. */
  readonly #members: FleetMember[];
  /** Transport id (the owner stamped on refs) → the member whose current process made them. */
  readonly #owners = new Map<string, FleetMember>();
  readonly #scheduler: WorkerScheduler<FleetMember>;
  readonly #hooks: RunHooks<FleetMember> = {
    acquire: (request, options) => this.#acquire(request, options),
    settle: (member, request) => {
      this.#scheduler.settle(member, request);
      this.#closeLingering(member);
    },
    explain: (error, member, request) => this.#explain(error, member, request),
  };
  readonly #timers = new Set<NodeJS.Timeout>();
  #tools: ToolRegistry | undefined;
  #closing: Promise<void> | undefined;

  private constructor(options: ResolvedFleetOptions) {
    this.#options = options;
    this.#members = options.endpoints.map((endpoint) => new FleetMember(endpoint));
    this.#scheduler = new WorkerScheduler({
      capacity: options.capacity,
      maxQueue: options.maxQueue,
      workers: () => this.#members,
      owner: (ref, target) => this.#owner(ref, target),
    });
  }

  /**
   * Connects to every endpoint and resolves when at least one answers; the
   * others join the rotation when they come up. Rejects with TransportError
   * listing each endpoint's problem when none answers.
   */
  static async start(options: RemoteFleetOptions): Promise<RemoteWorkerFleet> {
    const resolved = resolveFleetOptions(options);
    const endpoints = resolved.endpoints.length > 0 || !resolved.discover ? resolved.endpoints : await resolved.discover();
    if (endpoints.length === 0) throw new TransportError("Discovery found no remote workers: check that the Service (or DNS name) has ready endpoints.");
    const fleet = new RemoteWorkerFleet({ ...resolved, endpoints });
    await Promise.all(fleet.#members.map((member) => fleet.#bringUp(member)));
    if (!fleet.#members.some((member) => member.state === "up")) {
      const problems = fleet.#members.map((member) => `  - ${member.label}: ${member.problem}`).join("\n");
      await fleet.close();
      throw new TransportError(`None of the ${fleet.#members.length} remote workers answered a health check:\n${problems}\nCheck that each runs \`python -m snakepit_bridge serve --listen\`, and that the token and TLS settings match its --token-file and --tls-* flags.`);
    }
    for (const member of fleet.#members) if (member.state === "down") fleet.#scheduleProbe(member, fleet.#options.probeDelayMs);
    fleet.#every(fleet.#options.healthIntervalMs, () => {
      for (const member of fleet.#members) void fleet.#check(member);
    });
    if (fleet.#options.discover) fleet.#every(fleet.#options.discoverIntervalMs, () => void fleet.#rediscover());
    return fleet;
  }

  /** Endpoints in rotation. */
  get readyEndpoints(): number {
    return this.#members.filter((member) => member.state === "up").length;
  }

  /** Each endpoint's state, for diagnostics and tests. */
  get endpoints(): FleetEndpointState[] {
    return this.#members.map((member) => ({
      name: member.name, address: member.endpoint.address, state: member.state, inFlight: member.inFlight, pid: member.pid,
      ...(member.state === "down" ? { problem: member.problem } : {}),
    }));
  }

  /** Calls waiting for an endpoint slot. */
  get queued(): number {
    return this.#scheduler.queued;
  }

  /** Python may call these tools on every endpoint, present and future. */
  useTools(tools: ToolRegistry): void {
    this.#tools = tools;
    for (const member of this.#members) member.transport?.useTools?.(tools);
  }

  call(request: CallRequest, options: TransportCallOptions = {}): Promise<unknown> {
    return runScheduled(this.#hooks, request, options, (member, remaining) => this.#transportOf(member, request).call(request, remaining));
  }

  batch(requests: readonly CallRequest[], options: BatchOptions = {}): Promise<CallOutcome[]> {
    return runScheduledBatch(this.#hooks, requests, options, this.readyEndpoints, (member, group, remaining) => this.#transportOf(member, group[0] ?? { target: "batch" }).batch(group, remaining));
  }

  stream(request: CallRequest, options: TransportCallOptions = {}): AsyncIterable<unknown> {
    return streamScheduled(this.#hooks, request, options, (member) => this.#transportOf(member, request).stream(request, options));
  }

  async release(refs: readonly RemoteRef[]): Promise<void> {
    const byOwner = Map.groupBy(refs, (ref) => ref.owner);
    await Promise.all([...byOwner].map(async ([owner, owned]) => {
      const member = this.#owners.get(owner);
      if (member?.state === "up") await member.transport?.release(owned).catch(() => undefined);
    }));
  }

  describe(target: string, options: { readonly members?: boolean; readonly signal?: AbortSignal } = {}): Promise<Description> {
    return runScheduled(this.#hooks, { target }, options, (member) => this.#transportOf(member, { target }).describe(target, options));
  }

  /** Ready when at least one endpoint is in rotation; each endpoint says what it is doing. */
  async health(options: { readonly signal?: AbortSignal } = {}): Promise<HealthStatus> {
    const endpoints = await Promise.all(this.#members.map(async (member): Promise<EndpointHealth> => {
      if (member.state !== "up" || !member.transport) return { id: member.name, ready: false, problem: member.problem };
      try {
        const status = await member.transport.health(options);
        return { ...status.endpoints[0], id: member.name, ready: status.ready };
      } catch (error) {
        return { id: member.name, ready: false, problem: messageOf(error) };
      }
    }));
    return { ready: endpoints.some((endpoint) => endpoint.ready), endpoints };
  }

  /** Stops health checks and probes and closes every connection; the workers keep running. Idempotent. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      for (const timer of this.#timers) clearTimeout(timer);
      this.#timers.clear();
      this.#scheduler.rejectAll(new CancelledError("(queued call)", "the remote worker fleet is closing"));
      await Promise.all(this.#members.map(async (member) => {
        const transport = member.transport;
        member.transport = undefined;
        await member.lingering?.close().catch(() => undefined);
        member.lingering = undefined;
        member.state = "down";
        member.problem = "the fleet is closed";
        await transport?.close().catch(() => undefined);
      }));
    })();
    return this.#closing;
  }

  #acquire(request: CallRequest, options: TransportCallOptions): Promise<FleetMember> {
    if (this.#closing) return Promise.reject(new CancelledError(describeTarget(request), "the remote worker fleet is closed"));
    // Unlike a local pool, nothing here restarts workers: waiting for one could last forever.
    if (this.readyEndpoints === 0 && !affinityOf(request)) return Promise.reject(this.#noneInRotation(describeTarget(request)));
    return this.#scheduler.acquire(request, options);
  }

  #noneInRotation(target: string): TransportError {
    const problems = this.#members.map((member) => `${member.label}: ${member.problem}`).join("; ");
    return new TransportError(`${target} was not sent: no remote worker is in rotation (${problems}). The fleet keeps probing them; calls succeed again once one answers.`);
  }

  /** The member's transport; a member taken out of rotation after the call was scheduled has none. */
  #transportOf(member: FleetMember, request: CallRequest): Transport {
    if (member.state === "up" && member.transport) return member.transport;
    throw new TransportError(`${describeTarget(request)} was not sent: remote worker ${member.label} left the rotation (${member.problem}).`);
  }

  #owner(ref: RemoteRef, target: string): FleetMember {
    const member = this.#owners.get(ref.owner);
    if (!member) {
      throw new EndpointLostError(target, ref.owner || "unknown", "that made this object was restarted or left the fleet", recreateAdvice);
    }
    if (member.state !== "up") {
      throw new EndpointLostError(target, member.label, `holding this object is out of rotation (${member.problem})`, recreateAdvice);
    }
    return member;
  }

  /** A connection failure on an endpoint that no longer answers is a crash; anything else passes through. */
  async #explain(error: unknown, member: FleetMember, request: CallRequest): Promise<Error> {
    // A worker that got SIGTERM (a rolling update) refuses new calls and, past its grace, stops running ones.
    if (error instanceof CancelledError && shuttingDown.test(error.message) && !this.#closing) {
      this.#takeDown(member, "it is shutting down (SIGTERM)", { keepConnection: true });
      return new EndpointLostError(describeTarget(request), member.label, "is shutting down (SIGTERM) and refused or stopped the call", retryAdvice, { cause: error });
    }
    if (error instanceof TimeoutError || error instanceof CancelledError || !(error instanceof TransportError) || this.#closing) return error as Error;
    const answers = member.state === "up" && (await this.#check(member));
    if (answers) return error;
    return new EndpointLostError(describeTarget(request), member.label, `stopped answering (${member.problem})`, retryAdvice, { cause: error });
  }

  /** Health-checks a member in rotation, taking it out when it does not answer; concurrent askers share one check. */
  #check(member: FleetMember): Promise<boolean> {
    const transport = member.transport;
    if (member.state !== "up" || !transport || this.#closing) return Promise.resolve(member.state === "up");
    member.checking ??= (async () => {
      try {
        const status = await transport.health({ signal: AbortSignal.timeout(this.#options.healthTimeoutMs) });
        member.missedChecks = 0;
        if (status.ready) return true;
        // Draining: no new calls, but the ones it runs may finish on the open connection.
        this.#takeDown(member, status.endpoints[0]?.problem ?? "it reports not ready (draining before it stops)", { keepConnection: true });
        return false;
      } catch (error) {
        const unanswered = error instanceof TimeoutError || error instanceof CancelledError;
        if (unanswered && ++member.missedChecks < 2) return true;
        this.#takeDown(member, messageOf(error));
        return false;
      } finally {
        member.checking = undefined;
      }
    })();
    return member.checking;
  }

  #takeDown(member: FleetMember, reason: string, { keepConnection = false } = {}): void {
    if (member.state === "down" || this.#closing) return;
    member.state = "down";
    member.problem = reason;
    member.missedChecks = 0;
    this.#options.onEvent?.({ type: "endpoint-down", endpoint: member.name, address: member.endpoint.address, reason });
    if (this.readyEndpoints === 0) this.#scheduler.rejectAll(this.#noneInRotation("(queued call)"));
    const transport = member.transport;
    member.transport = undefined;
    if (keepConnection && transport) {
      void member.lingering?.close().catch(() => undefined);
      member.lingering = transport;
      this.#closeLingering(member);
    } else {
      // Calls still pending on the connection reject now (TransportError → WorkerCrashedError).
      void transport?.close().catch(() => undefined);
    }
    this.#scheduleProbe(member, this.#options.probeDelayMs);
  }

  /** Closes a draining endpoint's connection once no call of the member is in flight. */
  #closeLingering(member: FleetMember): void {
    if (!member.lingering || member.inFlight > 0) return;
    void member.lingering.close().catch(() => undefined);
    member.lingering = undefined;
  }

  /**
   * Follows the discovered endpoints (pods come and go): new addresses join
   * (probed first), vanished ones leave. An empty or failed answer changes
   * nothing, so a DNS hiccup cannot empty the fleet.
   */
  async #rediscover(): Promise<void> {
    let found: readonly RemoteEndpoint[];
    try {
      found = (await this.#options.discover?.()) ?? [];
    } catch {
      return;
    }
    if (this.#closing || found.length === 0) return;
    const wanted = new Map(found.map((endpoint) => [endpoint.address, endpoint]));
    for (const member of [...this.#members]) {
      if (wanted.has(member.endpoint.address)) continue;
      this.#takeDown(member, "it is no longer among the discovered endpoints");
      member.removed = true;
      this.#members.splice(this.#members.indexOf(member), 1);
      this.#options.onEvent?.({ type: "endpoint-removed", endpoint: member.name, address: member.endpoint.address });
    }
    for (const [address, endpoint] of wanted) {
      if (this.#members.some((member) => member.endpoint.address === address)) continue;
      const member = new FleetMember(endpoint);
      this.#members.push(member);
      if (!(await this.#bringUp(member))) this.#scheduleProbe(member, this.#options.probeDelayMs);
    }
  }

  #scheduleProbe(member: FleetMember, delayMs: number): void {
    if (member.removed) return;
    this.#after(delayMs, async () => {
      if (await this.#bringUp(member)) return;
      this.#scheduleProbe(member, Math.min(this.#options.maxProbeDelayMs, delayMs * 2));
    });
  }

  /**
   * Probes a member out of rotation with a throwaway connection; when it
   * answers, connects for real and puts it back. Another instance id behind
   * the address means another process: the refs of the old one are forgotten.
   */
  async #bringUp(member: FleetMember): Promise<boolean> {
    if (this.#closing || member.removed || member.state === "up") return member.state === "up";
    const probe = this.#connect(member, `${member.name}?probe`);
    let pid: number | undefined;
    let instance: string | undefined;
    try {
      const status = await probe.health({ signal: AbortSignal.timeout(this.#options.healthTimeoutMs) });
      if (!status.ready) throw new Error(status.endpoints[0]?.problem ?? "it reports not ready (starting or draining)");
      pid = status.endpoints[0]?.pid;
      instance = status.endpoints[0]?.instanceId ?? (pid === undefined ? undefined : `pid ${pid}`);
    } catch (error) {
      member.problem = messageOf(error);
      return false;
    } finally {
      await probe.close().catch(() => undefined);
    }
    if (this.#closing || member.removed) return false;
    const restarted = member.instance !== undefined && instance !== member.instance;
    if (restarted || member.instance === undefined) {
      for (const [id, owner] of this.#owners) if (owner === member) this.#owners.delete(id);
      member.nextTransportId();
    }
    member.pid = pid;
    member.instance = instance;
    member.transport = this.#connect(member, member.transportId);
    if (this.#tools) member.transport.useTools?.(this.#tools);
    this.#owners.set(member.transportId, member);
    member.state = "up";
    member.problem = "";
    this.#options.onEvent?.({ type: "endpoint-up", endpoint: member.name, address: member.endpoint.address, pid, restarted });
    this.#scheduler.offer(member);
    return true;
  }

  #connect(member: FleetMember, id: string): Transport {
    const tls = member.endpoint.tls ?? this.#options.tls;
    const token = member.endpoint.token ?? this.#options.token;
    return this.#options.transportFactory({ id, address: member.endpoint.address, token: token ?? "", remote: true, ...(tls ? { tls } : {}) });
  }

  #after(delayMs: number, task: () => Promise<void>): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      if (!this.#closing) void task();
    }, delayMs);
    timer.unref();
    this.#timers.add(timer);
  }

  #every(periodMs: number, task: () => void): void {
    const timer = setInterval(() => {
      if (!this.#closing) task();
    }, periodMs);
    timer.unref();
    this.#timers.add(timer);
  }
}

/** How the bridge words a call refused or stopped by its SIGTERM drain (calls.py, "shutdown"). */
const shuttingDown = /the worker is shutting down/;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
