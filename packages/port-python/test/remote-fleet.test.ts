import { Container } from "inversify";
import { describe, expect, test } from "vitest";
import {
  ConfigError, CoreContainerModule, SnakepitError, TransportError, WorkerCrashedError, snakepitId, transportId,
  type CallOutcome, type CallRequest, type Description, type HealthStatus, type Transport, type TransportCallOptions,
} from "@snakepit/core";
import { RemoteFleetContainerModule, RemoteWorkerFleet, type FleetEvent, type RemoteFleetOptions, type WorkerEndpoint } from "../src/index.js";
import { waitFor } from "./support.js";

/**
 * A scripted remote host: answers calls after `latencyMs` while up; when
 * killed, drops its connections (pending calls reject with TransportError,
 * as a real transport's do) and refuses new ones, health checks included.
 */
class ScriptedHost {
  up = true;
  pid = 100;
  /** The worker's random instance id (HealthReply.instance_id); new at every restart. */
  instance = 1;
  served = 0;
  readonly connections = new Set<ScriptedConnection>();
  constructor(readonly address: string, readonly latencyMs = 20) {}

  kill(): void {
    this.up = false;
    for (const connection of this.connections) connection.drop("connection reset");
  }

  /** `samePid`: as in a container, where every worker may be pid 1 — only the instance id tells. */
  restart(options: { readonly samePid?: boolean } = {}): void {
    this.up = true;
    this.instance++;
    if (!options.samePid) this.pid++;
  }
}

class ScriptedConnection implements Transport {
  readonly capabilities = { nativeBatch: true, streaming: true, refs: true, remoteCancellation: true };
  readonly #pending = new Set<(error: Error) => void>();

  constructor(readonly host: ScriptedHost, readonly endpoint: WorkerEndpoint) {
    host.connections.add(this);
  }

  call(request: CallRequest, options: TransportCallOptions = {}): Promise<unknown> {
    if (!this.host.up) return Promise.reject(new TransportError(`${request.target}: connection refused by ${this.host.address}`));
    void options;
    return new Promise((resolve, reject) => {
      const fail = (error: Error) => reject(error);
      this.#pending.add(fail);
      setTimeout(() => {
        if (!this.#pending.delete(fail)) return;
        this.host.served++;
        resolve({ host: this.host.address, args: request.args });
      }, this.host.latencyMs);
    });
  }

  async batch(requests: readonly CallRequest[]): Promise<CallOutcome[]> {
    return Promise.all(requests.map((request) => this.call(request).then((value) => ({ status: "fulfilled", value }) as const)));
  }

  async *stream(request: CallRequest): AsyncIterable<unknown> {
    yield await this.call(request);
  }

  async release(): Promise<void> {}

  async describe(target: string): Promise<Description> {
    return { target, kind: "module" } as unknown as Description;
  }

  async health(): Promise<HealthStatus> {
    if (!this.host.up) throw new TransportError(`health: connection refused by ${this.host.address}`);
    return { ready: true, endpoints: [{ id: this.endpoint.id, ready: true, pid: this.host.pid, instanceId: `instance-${this.host.instance}` }] };
  }

  drop(reason: string): void {
    for (const fail of this.#pending) fail(new TransportError(`${reason} (${this.host.address})`));
    this.#pending.clear();
  }

  async close(): Promise<void> {
    this.drop("closed");
    this.host.connections.delete(this);
  }
}

function scriptedFleet(hosts: ScriptedHost[], options: Partial<RemoteFleetOptions> = {}) {
  const byAddress = new Map(hosts.map((host) => [host.address, host]));
  const events: FleetEvent[] = [];
  const start = () => RemoteWorkerFleet.start({
    endpoints: hosts.map((host) => ({ address: host.address })),
    token: "secret",
    transportFactory: (endpoint) => new ScriptedConnection(byAddress.get(endpoint.address)!, endpoint),
    probeDelayMs: 10,
    maxProbeDelayMs: 50,
    onEvent: (event) => events.push(event),
    ...options,
  });
  return { start, events };
}

describe("RemoteWorkerFleet (scripted hosts)", () => {
  test("spreads concurrent calls over the hosts in rotation", async () => {
    const hosts = [new ScriptedHost("10.0.0.1:50051"), new ScriptedHost("10.0.0.2:50051")];
    const fleet = await scriptedFleet(hosts).start();
    try {
      const reported: string[] = [];
      await Promise.all(Array.from({ length: 20 }, (_, index) => fleet.call({ target: "f", args: [index] }, { onWorker: (id) => reported.push(id) })));
      expect(hosts.map((host) => host.served)).toEqual([10, 10]);
      expect(new Set(reported)).toEqual(new Set(["10.0.0.1:50051", "10.0.0.2:50051"]));
    } finally {
      await fleet.close();
    }
  });

  test("starts with the hosts that answer and takes the others in when they come up", async () => {
    const hosts = [new ScriptedHost("10.0.0.1:50051"), new ScriptedHost("10.0.0.2:50051")];
    hosts[1]!.up = false;
    const { start, events } = scriptedFleet(hosts);
    const fleet = await start();
    try {
      expect(fleet.readyEndpoints).toBe(1);
      expect(fleet.endpoints[1]).toMatchObject({ state: "down", problem: expect.stringMatching(/connection refused by 10\.0\.0\.2:50051/) });
      await fleet.call({ target: "f" });
      expect(hosts[0]!.served).toBe(1);
      hosts[1]!.up = true;
      await waitFor(() => fleet.readyEndpoints === 2);
      expect(events.filter((event) => event.type === "endpoint-up").map((event) => event.endpoint)).toEqual(["10.0.0.1:50051", "10.0.0.2:50051"]);
    } finally {
      await fleet.close();
    }
  });

  test("refuses to start when no host answers, naming each one and its problem", async () => {
    const hosts = [new ScriptedHost("10.0.0.1:50051"), new ScriptedHost("10.0.0.2:50051")];
    for (const host of hosts) host.up = false;
    const starting = scriptedFleet(hosts).start();
    await expect(starting).rejects.toBeInstanceOf(TransportError);
    await expect(starting).rejects.toThrow(/None of the 2 remote workers.*10\.0\.0\.1:50051: health: connection refused.*10\.0\.0\.2:50051: health/s);
  });

  test("a host lost mid-call: idempotent calls move to the survivor, others fail with WorkerCrashedError naming the host", async () => {
    const hosts = [new ScriptedHost("10.0.0.1:50051", 50), new ScriptedHost("10.0.0.2:50051", 50)];
    const { start, events } = scriptedFleet(hosts);
    const fleet = await start();
    try {
      const calls = Array.from({ length: 8 }, (_, index) => fleet.call({ target: "f", args: [index] }, { idempotent: index % 2 === 0 }).then(
        (value) => ({ ok: true, value }) as const,
        (error: unknown) => ({ ok: false, error }) as const,
      ));
      await waitFor(() => fleet.endpoints.every((endpoint) => endpoint.inFlight > 0));
      hosts[1]!.kill();
      const outcomes = await Promise.all(calls);
      outcomes.forEach((outcome, index) => {
        if (index % 2 === 0) expect(outcome).toMatchObject({ ok: true, value: { host: "10.0.0.1:50051" } });
        else if (!outcome.ok) {
          expect(outcome.error).toBeInstanceOf(WorkerCrashedError);
          expect((outcome.error as Error).message).toMatch(/10\.0\.0\.2:50051/);
        }
      });
      expect(outcomes.some((outcome) => !outcome.ok)).toBe(true);
      expect(events.some((event) => event.type === "endpoint-down" && event.address === "10.0.0.2:50051")).toBe(true);
      expect(await fleet.call({ target: "f" })).toMatchObject({ host: "10.0.0.1:50051" });
      // A container restart: the same pid (1, say), another instance id — still recognised as a new process.
      hosts[1]!.restart({ samePid: true });
      await waitFor(() => fleet.readyEndpoints === 2);
      expect(events.at(-1)).toMatchObject({ type: "endpoint-up", address: "10.0.0.2:50051", restarted: true });
    } finally {
      await fleet.close();
    }
  });

  test("with every host lost, calls fail at once with a TransportError instead of waiting for a host that may never return", async () => {
    const hosts = [new ScriptedHost("10.0.0.1:50051", 50), new ScriptedHost("10.0.0.2:50051", 50)];
    const fleet = await scriptedFleet(hosts, { capacity: 1 }).start();
    try {
      // Two running, two queued; then both hosts die.
      const calls = Array.from({ length: 4 }, (_, index) => fleet.call({ target: "f", args: [index] }, { idempotent: true }).catch((error: unknown) => error));
      await waitFor(() => fleet.queued === 2);
      for (const host of hosts) host.kill();
      for (const outcome of await Promise.all(calls)) expect(outcome).toBeInstanceOf(SnakepitError);
      await expect(fleet.call({ target: "f" })).rejects.toThrow(/no remote worker is in rotation.*10\.0\.0\.1:50051.*10\.0\.0\.2:50051/);
      hosts[0]!.restart();
      await waitFor(() => fleet.readyEndpoints === 1);
      expect(await fleet.call({ target: "f" })).toMatchObject({ host: "10.0.0.1:50051" });
    } finally {
      await fleet.close();
    }
  });

  test("discovery: new endpoints join, vanished ones leave, an empty answer changes nothing", async () => {
    const hosts = [new ScriptedHost("10.0.0.1:50051"), new ScriptedHost("10.0.0.2:50051")];
    let discovered = [hosts[0]!];
    const { start, events } = scriptedFleet(hosts, {
      endpoints: [],
      discover: async () => discovered.map((host) => ({ address: host.address })),
      discoverIntervalMs: 10,
    });
    const fleet = await start();
    try {
      expect(fleet.endpoints.map((endpoint) => endpoint.address)).toEqual(["10.0.0.1:50051"]);
      discovered = [...hosts];
      await waitFor(() => fleet.readyEndpoints === 2);
      discovered = [hosts[1]!];
      await waitFor(() => fleet.endpoints.length === 1);
      expect(fleet.endpoints[0]).toMatchObject({ address: "10.0.0.2:50051", state: "up" });
      expect(events).toContainEqual({ type: "endpoint-removed", endpoint: "10.0.0.1:50051", address: "10.0.0.1:50051" });
      discovered = [];
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(fleet.readyEndpoints).toBe(1);
      expect(await fleet.call({ target: "f" })).toMatchObject({ host: "10.0.0.2:50051" });
    } finally {
      await fleet.close();
    }
  });

  test("binds through inversify: the facade over a started fleet", async () => {
    const hosts = [new ScriptedHost("10.0.0.1:50051")];
    const container = new Container();
    container.load(CoreContainerModule.fromOptions(), RemoteFleetContainerModule.fromOptions({
      endpoints: [{ address: hosts[0]!.address }],
      transportFactory: (endpoint) => new ScriptedConnection(hosts[0]!, endpoint),
    }));
    const py = await container.getAsync(snakepitId);
    expect(await container.getAsync(transportId)).toBeInstanceOf(RemoteWorkerFleet);
    expect(await py.call("f", [1])).toEqual({ host: "10.0.0.1:50051", args: [1] });
    await py.close();
  });

  test("refuses a configuration it could only fail on later", async () => {
    const factory = () => { throw new Error("not reached"); };
    await expect(RemoteWorkerFleet.start({ endpoints: [], transportFactory: factory })).rejects.toThrow(ConfigError);
    await expect(RemoteWorkerFleet.start({ endpoints: [{ address: "http://10.0.0.1:50051" }], transportFactory: factory })).rejects.toThrow(/is not host:port/);
    await expect(RemoteWorkerFleet.start({ endpoints: [{ address: "a:1" }, { address: "a:1" }], transportFactory: factory })).rejects.toThrow(/listed twice/);
  });
});
