import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { ExitCode } from "../src/cli/exit-codes.js";
import { main, type MainOptions } from "../src/cli/main.js";
import type { DoctorProbes } from "../src/doctor/probes.js";
import { allDescriptions } from "./fixtures/descriptions.js";
import { FixedIntrospector } from "./support/fixed-introspector.js";
import { capturedStreams, standInRuntime } from "./support/stand-in-runtime.js";

let project: string;
beforeEach(async () => {
  project = await mkdtemp(join(tmpdir(), "snakepit-commands-"));
});
afterEach(() => rm(project, { recursive: true, force: true }));

const config = (libraries: string) => `import { defineConfig } from "@snakepit/core";\nexport default defineConfig({\n  libraries: {\n${libraries}\n  },\n});\n`;

async function run(argv: string[], runtime = standInRuntime(new FixedIntrospector(allDescriptions)), services = {}, options: Omit<MainOptions, "streams" | "runtime" | "services"> = {}) {
  const output = capturedStreams();
  const code = await main([...argv, "--cwd", project, "--quiet"], { streams: output.streams, runtime, services, environment: {}, ...options });
  return { code, ...output, json: () => JSON.parse(output.stdout()) as { ok: boolean; result: Record<string, unknown>; error: { code: string; exitCode: number; message: string; report?: unknown[] } } };
}

describe("sync (with a stand-in runtime)", () => {
  test("writes the lock and the wrappers, and closes the runtime", async () => {
    await writeFile(join(project, "snakepit.config.ts"), config(`    sklearn: { package: "scikit-learn>=1.3", classes: ["ensemble.RandomForestClassifier"], functions: ["metrics.accuracy_score"] },`));
    const runtime = standInRuntime(new FixedIntrospector(allDescriptions));
    const { code, stderr } = await run(["sync"], runtime);
    expect(stderr()).toBe("");
    expect(code).toBe(ExitCode.ok);
    const lock = JSON.parse(await readFile(join(project, ".snakepit", "catalog.lock.json"), "utf8")) as { python: string; libraries: Record<string, unknown> };
    expect(lock.python).toBe("3.11.7");
    expect(Object.keys(lock.libraries)).toEqual(["sklearn"]);
    expect(await readFile(join(project, "snakepit.generated", "sklearn", "metrics.ts"), "utf8")).toContain("export async function accuracy_score(");
    expect(runtime.starts[0]?.projectDir).toBe(project);
    expect(runtime.closed).toBe(1);
  });

  test("a misspelled function fails with exit 3 and the suggestion; nothing is written", async () => {
    await writeFile(join(project, "snakepit.config.ts"), config(`    numpy: { package: "numpy>=1.24", functions: ["mena"] },`));
    const { code, json } = await run(["sync", "--json"]);
    expect(code).toBe(ExitCode.catalogInvalid);
    expect(json().error.message).toContain('did you mean "mean"?');
    expect(json().error.report).toEqual([expect.objectContaining({ kind: "misspelled", suggestion: "mean" })]);
    expect(existsSync(join(project, ".snakepit", "catalog.lock.json"))).toBe(false);
    expect(existsSync(join(project, "snakepit.generated.ts"))).toBe(false);
  });
});

describe("generate", () => {
  test("warns when the config changed since the lock, and --check fails with exit 6", async () => {
    await writeFile(join(project, "snakepit.config.ts"), config(`    statistics: { functions: ["mean"] },`));
    expect((await run(["sync"])).code).toBe(ExitCode.ok);
    expect((await run(["generate", "--check"])).code).toBe(ExitCode.ok);
    await writeFile(join(project, "snakepit.config.ts"), config(`    statistics: { functions: ["mean", "median"] },`));
    const warned = await run(["generate"]);
    expect(warned.code).toBe(ExitCode.ok);
    expect(warned.stderr()).toContain("changed since .snakepit/catalog.lock.json was written");
    expect((await run(["generate", "--check"])).code).toBe(ExitCode.lockOutdated);
  });

  test("--check fails when the generated files were edited, and generate removes files of dropped libraries", async () => {
    await writeFile(join(project, "snakepit.config.ts"), config(`    statistics: { functions: ["mean"] },\n    numpy: { functions: ["mean"] },`));
    await run(["sync"]);
    await writeFile(join(project, "snakepit.generated", "numpy.ts"), "// edited\n");
    expect((await run(["generate", "--check"])).code).toBe(ExitCode.lockOutdated);
    await writeFile(join(project, "snakepit.config.ts"), config(`    statistics: { functions: ["mean"] },`));
    await run(["sync"]);
    expect(existsSync(join(project, "snakepit.generated", "statistics.ts"))).toBe(true);
    expect(existsSync(join(project, "snakepit.generated", "numpy.ts"))).toBe(true); // edited by hand: no marker, never deleted
    await writeFile(join(project, "snakepit.config.ts"), config(`    numpy: { functions: ["mean"] },`));
    await run(["sync"]);
    expect(existsSync(join(project, "snakepit.generated", "statistics.ts"))).toBe(false);
  });
});

describe("call", () => {
  test("prints the result; --json wraps it", async () => {
    const runtime = standInRuntime(new FixedIntrospector(allDescriptions), { "statistics.mean": (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length });
    const plain = await run(["call", "statistics.mean", "[[1, 2, 3, 4]]"], runtime);
    expect(plain.code).toBe(ExitCode.ok);
    expect(plain.stdout()).toBe("2.5\n");
    const json = await run(["call", "statistics.mean", "[[2, 4]]", "--json"], runtime);
    expect(json.json()).toEqual({ ok: true, command: "call", result: 3 });
  });

  test("keyword arguments, Python errors (exit 5) and bad JSON (exit 1)", async () => {
    const runtime = standInRuntime(new FixedIntrospector(allDescriptions), {
      "math.pow": (base: number, kwargs?: { exponent?: number }) => base ** (kwargs?.exponent ?? 1),
      "statistics.mean": () => { throw Object.assign(new Error("mean requires at least one data point"), { pythonType: "StatisticsError" }); },
    });
    expect((await run(["call", "math.pow", "[2]", "--kwargs", '{"exponent": 10}'], runtime)).stdout()).toBe("1024\n");
    const failed = await run(["call", "statistics.mean", "[[]]"], runtime);
    expect(failed.code).toBe(ExitCode.pythonError);
    expect(failed.stderr()).toContain("StatisticsError: mean requires at least one data point");
    expect((await run(["call", "statistics.mean", "[1,"], runtime)).code).toBe(ExitCode.usage);
    expect((await run(["call", "statistics.mean", "{}"], runtime)).code).toBe(ExitCode.usage);
    expect((await run(["call"], runtime)).code).toBe(ExitCode.usage);
  });
});

describe("doctor", () => {
  const probes = (overrides: Partial<DoctorProbes> = {}): DoctorProbes => ({
    pythonVersion: async () => "3.11.7",
    detectUv: async () => ({ available: true, version: "0.5.1", source: "PATH" }),
    pingRedis: async () => undefined,
    selectManager: async (_projectDir, choice) => ({ name: choice && choice !== "auto" ? choice : "uv", reason: choice ? `chosen in the config (environment.manager = "${choice}")` : "uv 0.5.1 (PATH) is the default" }),
    ...overrides,
  });

  test("passes when everything works", async () => {
    await writeFile(join(project, "snakepit.config.ts"), config(`    statistics: { functions: ["mean"] },`));
    const { code, json } = await run(["doctor", "--json"], undefined, { doctorProbes: probes() });
    expect(code).toBe(ExitCode.ok);
    const checks = json().result.checks as { name: string; status: string }[];
    expect(checks.map((check) => [check.name, check.status])).toEqual([
      ["node", "ok"], ["config", "ok"], ["python3", "ok"], ["uv", "ok"], ["environment manager", "ok"], ["environment", "ok"], ["bridge", "ok"], ["workers", "ok"], ["redis", "skip"],
    ]);
    expect((json().result.checks as { name: string; detail: string }[]).find((check) => check.name === "environment manager")?.detail).toBe("uv: uv 0.5.1 (PATH) is the default");
  });

  test("prints each failure with its fix and exits 8", async () => {
    await writeFile(join(project, "snakepit.config.ts"), config(`    statistics: { functions: ["mean"] },`).replace("defineConfig({", 'defineConfig({\n  execution: { cache: { store: "redis", redisUrl: "redis://:secret@localhost:1" } },'));
    const { code, stdout } = await run(["doctor"], undefined, {
      doctorProbes: probes({ detectUv: async () => ({ available: false, reason: "uv was not found" }), pingRedis: async () => { throw new Error("connect ECONNREFUSED"); } }),
    });
    expect(code).toBe(ExitCode.doctorFailed);
    expect(stdout()).toContain("✗ uv           uv was not found");
    expect(stdout()).toContain("fix: Install uv");
    expect(stdout()).toContain("✗ redis        redis://:***@localhost:1: connect ECONNREFUSED");
    expect(stdout()).not.toContain("secret");
  });
});

describe("dev", () => {
  test("syncs, syncs again when the config changes, and stops on abort", async () => {
    await writeFile(join(project, "snakepit.config.ts"), config(`    statistics: { functions: ["mean"] },`));
    const controller = new AbortController();
    const output = capturedStreams();
    const running = main(["dev", "--cwd", project, "--quiet"], { streams: output.streams, runtime: standInRuntime(new FixedIntrospector(allDescriptions)), signal: controller.signal });
    const lockFile = join(project, ".snakepit", "catalog.lock.json");
    const waitFor = async (condition: () => Promise<boolean>) => {
      for (let attempt = 0; attempt < 100 && !(await condition()); attempt++) await new Promise((resolve) => setTimeout(resolve, 50));
    };
    await waitFor(async () => existsSync(lockFile));
    await writeFile(join(project, "snakepit.config.ts"), config(`    statistics: { functions: ["mean", "median"] },`));
    await waitFor(async () => (await readFile(lockFile, "utf8")).includes("statistics.median"));
    expect(await readFile(lockFile, "utf8")).toContain("statistics.median");
    controller.abort();
    expect(await running).toBe(ExitCode.ok);
    expect(output.stdout()).toContain("changed: syncing.");
  });
});
