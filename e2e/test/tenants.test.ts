import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { ConfigError, defineConfig, NotAllowedError, QuotaExceededError, WorkerCrashedError } from "@snakepit/core";
import { FakeEnvironmentManager } from "@snakepit/core/testing";
import { loadConfig, startTenants, type ReloadEvent, type SnakepitTenants } from "snakepit";
import { TemporaryProject } from "../support/temporary-project.js";
import { waitUntil } from "../support/wait-until.js";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Two tenants on real workers in the shared e2e environment (the fake manager
 * hands out its interpreter, so no build runs): acme may use statistics and
 * has a tight quota; beta may not use statistics and has none.
 */
const config = defineConfig({
  libraries: {},
  tenants: {
    acme: {
      workers: 1, security: { mode: "dynamic", allow: ["time.sleep", "math.*", "statistics.*", "resource.getrlimit"] },
      quota: { maxConcurrent: 1, maxQueued: 2 }, limits: { memoryMb: 4096 },
    },
    beta: { workers: 1, security: { mode: "strict", allow: ["time.sleep", "resource.getrlimit"] }, libraries: { math: { functions: ["sqrt"] } } },
  },
});

describe("tenants: named pools that never touch each other (real workers)", () => {
  let tenants: SnakepitTenants;
  const manager = new FakeEnvironmentManager({ pythonPath: inject("pythonPath") });

  beforeAll(async () => {
    tenants = await startTenants({ config, environmentManager: manager, projectDir: process.cwd() });
  });
  afterAll(async () => {
    await tenants.close();
  });

  test("tenants with the same environment needs share one environment but never workers", () => {
    expect(manager.operations.filter((operation) => operation.operation === "ensure")).toHaveLength(1);
    const [acmePids, betaPids] = [tenants.runtime("acme").pool.pids, tenants.runtime("beta").pool.pids];
    expect(acmePids).toHaveLength(1);
    expect(betaPids).toHaveLength(1);
    expect(acmePids.some((pid) => betaPids.includes(pid))).toBe(false);
  });

  test("acme flooding its quota gets QuotaExceededError while beta's calls complete", async () => {
    const acme = tenants.tenant("acme");
    const beta = tenants.tenant("beta");
    // One runs (a second of sleep holds the turn), two wait, the other seven are refused at once.
    const flood = Array.from({ length: 10 }, () => acme.call("time.sleep", [1]));
    const betaCalls = Array.from({ length: 20 }, (_, index) => beta.call<number>("math.sqrt", [index * index]));
    const [floodOutcomes, betaOutcomes] = await Promise.all([Promise.allSettled(flood), Promise.allSettled(betaCalls)]);

    expect(betaOutcomes.map((outcome) => (outcome.status === "fulfilled" ? outcome.value : outcome.reason))).toEqual(Array.from({ length: 20 }, (_, index) => index));
    const refused = floodOutcomes.flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason as Error] : []));
    expect(floodOutcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(3);
    expect(refused).toHaveLength(7);
    for (const error of refused) {
      expect(error).toBeInstanceOf(QuotaExceededError);
      expect(error).toMatchObject({ tenant: "acme", limit: "maxQueued", code: "QUOTA_EXCEEDED" });
      expect(error.message).toMatch(/tenant "acme".*raise tenants\.acme\.quota\.maxQueued/);
    }
  });

  test("SIGKILL of acme's worker fails no beta call, and acme recovers", async () => {
    const acme = tenants.tenant("acme");
    const beta = tenants.tenant("beta");
    const [victim] = tenants.runtime("acme").pool.pids;
    const betaCalls = Array.from({ length: 20 }, (_, index) => beta.call<number>(index % 2 ? "time.sleep" : "math.sqrt", [index % 2 ? 0.05 : 4]));
    // Settled into a value at once, so its rejection is never "unhandled" while beta's calls run.
    const acmeInFlight = acme.call("time.sleep", [2]).then(() => undefined, (error: unknown) => error);
    process.kill(victim ?? 0, "SIGKILL");
    const betaOutcomes = await Promise.allSettled(betaCalls);
    expect(betaOutcomes.filter((outcome) => outcome.status === "rejected")).toEqual([]);
    expect(await acmeInFlight).toBeInstanceOf(WorkerCrashedError);
    expect(await waitUntil(() => tenants.runtime("acme").pool.readyWorkers === 1 && !tenants.runtime("acme").pool.pids.includes(victim ?? 0), 30_000)).toBe(true);
    expect(await acme.call("math.sqrt", [9])).toBe(3);
  });

  test("a path allowed for acme is refused for beta, by beta's facade and again by beta's workers", async () => {
    expect(await tenants.tenant("acme").call("statistics.mean", [[1, 2, 3]])).toBe(2);
    await expect(tenants.tenant("beta").call("statistics.mean", [[1, 2, 3]])).rejects.toBeInstanceOf(NotAllowedError);
    // Straight to beta's pool, past its facade: the worker enforces beta's policy itself.
    await expect(tenants.runtime("beta").pool.call({ target: "statistics.mean", args: [[1, 2, 3]] })).rejects.toBeInstanceOf(NotAllowedError);
  });

  test("each tenant's workers run under that tenant's limits", async () => {
    const addressSpace = 9; // resource.RLIMIT_AS on Linux
    const [acmeLimit] = await tenants.tenant("acme").call<number[]>("resource.getrlimit", [addressSpace]);
    const [betaLimit] = await tenants.tenant("beta").call<number[]>("resource.getrlimit", [addressSpace]);
    expect(acmeLimit).toBe(4096 * 1024 * 1024);
    expect(betaLimit).toBe(-1); // RLIM_INFINITY: beta set no limit
  });

  test("an unknown tenant is a ConfigError with a did-you-mean", () => {
    expect(() => tenants.tenant("acm")).toThrow(ConfigError);
    expect(() => tenants.tenant("acm")).toThrow(/no tenant "acm"; did you mean "acme"\? Declared tenants: acme, beta/);
  });

  test("disposing the tenants stops every tenant's workers", async () => {
    const separate = await startTenants({ config, environmentManager: manager, projectDir: process.cwd() });
    const pids = [...separate.runtime("acme").pool.pids, ...separate.runtime("beta").pool.pids];
    expect(pids).toHaveLength(2);
    expect(pids.every(isAlive)).toBe(true);
    await separate[Symbol.asyncDispose]();
    expect(pids.filter(isAlive)).toEqual([]);
  });
});

describe("tenants in watch mode", () => {
  const tenantConfig = (packages: string) => `import { defineConfig } from "@snakepit/core";
export default defineConfig({ libraries: {}, tenants: { acme: { workers: 1${packages} }, beta: { workers: 1 } } });
`;

  test("a config edit gives each tenant the environment its own entry now asks for, and rolls its workers", async () => {
    const project = await TemporaryProject.create("tenants-watch");
    await project.write("snakepit.config.ts", tenantConfig(""));
    const manager = new FakeEnvironmentManager({ pythonPath: inject("pythonPath") });
    const reloads: ReloadEvent[] = [];
    const { config } = await loadConfig(project.dir);
    await using tenants = await startTenants({ config, projectDir: project.dir, environmentManager: manager, watch: true, onReload: (event) => reloads.push(event) });
    const acmeBefore = tenants.runtime("acme").pool.pids;

    await project.write("snakepit.config.ts", tenantConfig(`, packages: ["six"]`));
    expect(await waitUntil(() => reloads.length >= 2, 60_000)).toBe(true);
    expect(reloads.filter((event) => event.error)).toEqual([]);
    const ensured = manager.operations.filter((operation) => operation.operation === "ensure");
    const acmeEnvironment = ensured.find((operation) => operation.packages?.includes("six"));
    expect(acmeEnvironment?.name).toMatch(/^tenant-[0-9a-f]{12}$/);
    // beta's entry did not change: it stays on the shared environment.
    expect(ensured.filter((operation) => operation.name === "default").length).toBeGreaterThanOrEqual(2);
    expect(tenants.runtime("acme").pool.pids.some((pid) => acmeBefore.includes(pid))).toBe(false);
    expect(await tenants.tenant("acme").call("math.sqrt", [16])).toBe(4);
  });
});
