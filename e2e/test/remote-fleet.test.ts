import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { createSnakepit, defineConfig, NotAllowedError, TransportError, WorkerCrashedError, type Snakepit } from "@snakepit/core";
import { transportSuite } from "@snakepit/conformance";
import { RemoteWorkerFleet, type FleetEvent, type RemoteFleetOptions } from "@snakepit/port-python";
import { createGrpcTransport } from "@snakepit/transport-grpc";
import { startSnakepit } from "snakepit";
import { fixturesEnv, scratchFolder } from "../support/fixtures.js";
import { clientTls, makeCertificates, startRemoteWorker, type RemoteWorker, type TestCertificates } from "../support/remote-workers.js";
import { redisAbsence, startRedis, type RunningRedis } from "../support/redis-server.js";
import { waitUntil } from "../support/wait-until.js";

/**
 * Workers beyond one machine: two standalone workers on distinct loopback
 * addresses (two "hosts"; Linux routes all of 127/8 to lo), each with TLS,
 * mutual TLS and a token, serve one TypeScript client through a
 * RemoteWorkerFleet.
 */

const hosts = ["127.0.0.2", "127.0.0.3"] as const;
let folder = "";
let certificates: TestCertificates;
let token = "";
let tokenFile = "";
const workers: RemoteWorker[] = [];

function startWorker(listen: string): Promise<RemoteWorker> {
  return startRemoteWorker({ pythonPath: inject("pythonPath"), listen, certificates, tokenFile, env: fixturesEnv });
}

function fleetOptions(overrides: Partial<RemoteFleetOptions> = {}): RemoteFleetOptions {
  return {
    endpoints: workers.map((worker, index) => ({ address: worker.address, name: `host-${index + 1}` })),
    token,
    tls: clientTls(certificates),
    transportFactory: createGrpcTransport,
    ...overrides,
  };
}

/**
 * 200 calls in flight at once, the even ones marked idempotent; `fault` runs
 * once 30 have settled, so calls are in flight on both hosts. Every call must
 * settle: idempotent ones with their value, the others with their value or a
 * WorkerCrashedError. Returns those errors.
 */
async function faultUnderLoad(py: Snakepit, seconds: number, fault: () => Promise<void> | void): Promise<WorkerCrashedError[]> {
  let settled = 0;
  const load = Array.from({ length: 200 }, (_, index) =>
    py.call<number>("chaos_fixtures.sleep_and_add", [index, 1, seconds], {}, { timeoutMs: 30_000, idempotent: index % 2 === 0 })
      .finally(() => settled++)
      .then((value) => ({ status: "fulfilled", value }) as const, (reason: unknown) => ({ status: "rejected", reason }) as const));
  expect(await waitUntil(() => settled >= 30, 30_000)).toBe(true);
  await fault();
  const outcomes = await Promise.all(load);
  outcomes.forEach((outcome, index) => {
    if (outcome.status === "fulfilled") expect(outcome.value).toBe(index + 1);
    else expect(outcome.reason).toBeInstanceOf(WorkerCrashedError);
    if (index % 2 === 0) expect(outcome.status).toBe("fulfilled");
  });
  return outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason as WorkerCrashedError] : []));
}

beforeAll(async () => {
  folder = await scratchFolder();
  certificates = makeCertificates(folder, "good", hosts);
  token = randomBytes(24).toString("hex");
  tokenFile = join(folder, "token");
  writeFileSync(tokenFile, token, { mode: 0o600 });
  workers.push(...(await Promise.all(hosts.map((host) => startWorker(`${host}:0`)))));
});

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.kill()));
});

describe("a remote worker fleet over TLS and mutual TLS", () => {
  test("calls spread over both hosts; calls on a remote object go to the host that holds it", async () => {
    const fleet = await RemoteWorkerFleet.start(fleetOptions());
    const py = createSnakepit({ transport: fleet });
    try {
      expect(fleet.readyEndpoints).toBe(2);
      const pids = await Promise.all(Array.from({ length: 40 }, () => py.call<number>("chaos_fixtures.sleep_and_add", [0, 0, 0.01]).then(() => py.call<number>("os.getpid"))));
      expect(new Set(pids)).toEqual(new Set(workers.map((worker) => worker.pid)));
      const counter = await py.create("collections.Counter", [["a", "b", "a"]]);
      for (let round = 0; round < 6; round++) expect(await counter.call("most_common", [1])).toEqual([["a", 2]]);
      await counter.dispose();
      // Callbacks (Python → TypeScript) ride the same TLS connection.
      expect(await py.call("builtins.sorted", [[3, 1, 2]], { key: (value: number) => -value })).toEqual([3, 2, 1]);
    } finally {
      await py.close();
    }
  });

  test("a wrong token, a missing client certificate and an unknown CA are refused with a TransportError saying why", async () => {
    const wrongToken = RemoteWorkerFleet.start(fleetOptions({ token: "not-the-token" }));
    await expect(wrongToken).rejects.toBeInstanceOf(TransportError);
    await expect(wrongToken).rejects.toThrow(/refused the token/);

    const { ca } = clientTls(certificates);
    const noClientCertificate = RemoteWorkerFleet.start(fleetOptions({ tls: { ca } }));
    await expect(noClientCertificate).rejects.toBeInstanceOf(TransportError);
    await expect(noClientCertificate).rejects.toThrow(/host-1 \(127\.0\.0\.2:\d+\):.*requires client certificates \(--tls-client-ca\), that tls\.cert and tls\.key are given/s);

    const strangers = makeCertificates(folder, "other", hosts);
    const unknownCa = RemoteWorkerFleet.start(fleetOptions({ tls: clientTls(strangers) }));
    await expect(unknownCa).rejects.toBeInstanceOf(TransportError);
    await expect(unknownCa).rejects.toThrow(/unable to verify the first certificate.*the TLS handshake failed: check that tls\.ca signed the worker's certificate/s);
  });

  test("the Connect client speaks TLS and mutual TLS to the same workers", async () => {
    const fleet = await RemoteWorkerFleet.start(fleetOptions({ transportFactory: (endpoint) => createGrpcTransport({ ...endpoint, implementation: "connect" }) }));
    try {
      const pids = await Promise.all(Array.from({ length: 40 }, () => fleet.call({ target: "chaos_fixtures.sleep_and_add", args: [0, 0, 0.01] }).then(() => fleet.call({ target: "os.getpid" }))));
      expect(new Set(pids)).toEqual(new Set(workers.map((worker) => worker.pid)));
      const { ca } = clientTls(certificates);
      const refused = createGrpcTransport({ id: "no-client-certificate", address: workers[0]!.address, token, tls: { ca }, implementation: "connect" });
      await expect(refused.call({ target: "math.sqrt", args: [4] })).rejects.toThrow(TransportError);
      await refused.close();
    } finally {
      await fleet.close();
    }
  });

  test("tls.serverName checks the certificate against a DNS name instead of the address, in both clients", async () => {
    for (const implementation of ["grpc-js", "connect"] as const) {
      const transportFactory: RemoteFleetOptions["transportFactory"] = (endpoint) => createGrpcTransport({ ...endpoint, implementation });
      const named = await RemoteWorkerFleet.start(fleetOptions({ transportFactory, tls: { ...clientTls(certificates), serverName: "snakepit-worker" } }));
      expect(await named.call({ target: "math.sqrt", args: [9] })).toBe(3);
      await named.close();
      const misnamed = RemoteWorkerFleet.start(fleetOptions({ transportFactory, tls: { ...clientTls(certificates), serverName: "someone-else" } }));
      await expect(misnamed).rejects.toBeInstanceOf(TransportError);
    }
  });

  test("SIGKILL of one host under load: idempotent calls all succeed, the rest succeed or fail typed, the survivor serves, the restarted host rejoins", async () => {
    const events: FleetEvent[] = [];
    const fleet = await RemoteWorkerFleet.start(fleetOptions({ onEvent: (event) => events.push(event), probeDelayMs: 50, maxProbeDelayMs: 500 }));
    const py = createSnakepit({ transport: fleet });
    const victim = workers[1]!;
    try {
      // An object on the victim, to check that calls on it fail typed afterwards.
      // Made together, the objects land on both hosts (least loaded first).
      const counters = await Promise.all(Array.from({ length: 4 }, () => py.create("collections.Counter", [["x"]])));
      const onVictim = counters.map((counter) => counter.ref).find((ref) => ref.owner === "host-2");
      expect(onVictim).toBeDefined();

      const failures = await faultUnderLoad(py, 0.02, () => victim.kill());
      expect(failures.every((failure) => /host-2 \(127\.0\.0\.3:\d+\)/.test(failure.message))).toBe(true);

      expect(fleet.endpoints.find((endpoint) => endpoint.name === "host-2")?.state).toBe("down");
      expect(await py.call("chaos_fixtures.sleep_and_add", [40, 2, 0])).toBe(42);
      await expect(fleet.call({ target: "", ref: onVictim!, attribute: "most_common" })).rejects.toThrow(WorkerCrashedError);
      await expect(fleet.call({ target: "", ref: onVictim!, attribute: "most_common" })).rejects.toThrow(/host-2/);

      // The operator restarts the host at the same address; the fleet's probes bring it back.
      workers[1] = await startWorker(victim.address);
      expect(await waitUntil(() => fleet.readyEndpoints === 2, 30_000)).toBe(true);
      expect(events.some((event) => event.type === "endpoint-up" && event.endpoint === "host-2" && event.restarted)).toBe(true);
      const pids = await Promise.all(Array.from({ length: 40 }, () => py.call<number>("chaos_fixtures.sleep_and_add", [0, 0, 0.01]).then(() => py.call<number>("os.getpid"))));
      expect(new Set(pids)).toContain(workers[1].pid);
      // Refs of the killed process stay lost, even though the host is back.
      await expect(fleet.call({ target: "", ref: onVictim!, attribute: "most_common" })).rejects.toThrow(WorkerCrashedError);
    } finally {
      await py.close();
    }
  });
});

describe("a host that drains (SIGTERM, as in a rolling update)", () => {
  test("leaves the rotation without losing an idempotent call; calls it refused fail with WorkerCrashedError", async () => {
    const drained = await startWorker(`${hosts[1]}:0`);
    const fleet = await RemoteWorkerFleet.start({ ...fleetOptions(), endpoints: [{ address: workers[0]!.address, name: "stays" }, { address: drained.address, name: "drains" }] });
    const py = createSnakepit({ transport: fleet });
    try {
      const failures = await faultUnderLoad(py, 0.01, () => void drained.process.kill("SIGTERM"));
      expect(failures.every((failure) => /drains \(127\.0\.0\.3:\d+\)/.test(failure.message))).toBe(true);
      expect(await waitUntil(() => fleet.endpoints.find((endpoint) => endpoint.name === "drains")?.state === "down", 30_000)).toBe(true);
      expect(await py.call("chaos_fixtures.sleep_and_add", [40, 2, 0])).toBe(42);
    } finally {
      await py.close();
      await drained.kill();
    }
  });
});

describe("startSnakepit with execution.remote", () => {
  test("the configured facade (catalog, allowlist) runs on the remote workers, token and certificates read from files", async () => {
    const { ca, clientCert, clientKey } = certificates;
    const config = defineConfig({
      libraries: { numpy: { package: "numpy", functions: ["mean"] } },
      security: { mode: "strict" },
      execution: { remote: { endpoints: workers.map((worker) => ({ address: worker.address })), tokenFile, tls: { ca, cert: clientCert, key: clientKey } } },
    });
    await using py = await startSnakepit({ config, projectDir: folder });
    expect(await py.call("numpy.mean", [[1, 2, 3]])).toBe(2);
    await expect(py.call("os.getpid")).rejects.toBeInstanceOf(NotAllowedError);
    const health = await py.health();
    expect(health.endpoints.map((endpoint) => endpoint.ready)).toEqual([true, true]);
  });

  test("without tls, a worker off this machine is refused before anything connects", async () => {
    const config = defineConfig({ libraries: {}, execution: { remote: { endpoints: [{ address: "10.255.255.1:50051" }], tokenFile } } });
    await expect(startSnakepit({ config, projectDir: folder })).rejects.toThrow(/not on this machine and execution\.remote has no tls/);
  });
});

describe.skipIf(redisAbsence !== undefined)("two clients of the same remote workers share pure results through Redis", () => {
  let redis: RunningRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  test("the second client gets the first one's result from Redis, without a call to any host", async () => {
    const { ca, clientCert, clientKey } = certificates;
    const config = defineConfig({
      libraries: {},
      execution: {
        remote: { endpoints: workers.map((worker) => ({ address: worker.address })), tokenFile, tls: { ca, cert: clientCert, key: clientKey } },
        cache: { store: "redis", redisUrl: redis.url },
      },
    });
    await using first = await startSnakepit({ config, projectDir: folder });
    await using second = await startSnakepit({ config, projectDir: folder });
    expect(await first.call("chaos_fixtures.sleep_and_add", [40, 2, 0], {}, { pure: true, ttlMs: 60_000 })).toBe(42);
    expect(await second.call("chaos_fixtures.sleep_and_add", [40, 2, 0], {}, { pure: true, ttlMs: 60_000 })).toBe(42);
    expect(first.cacheStats).toMatchObject({ hits: 0, misses: 1 });
    expect(second.cacheStats).toMatchObject({ hits: 1, misses: 0 });
  });
});

// The same suite every transport passes, against a fleet of the two TLS hosts.
describe("conformance", () => {
  transportSuite((name, fn, timeout) => test(`[remote fleet] ${name}`, fn, timeout), () => RemoteWorkerFleet.start(fleetOptions()), { timeoutMs: 30_000 });
});
