import { EnvironmentError, type ManagerDetection, type SnakepitConfig } from "@snakepit/core";
import type { RuntimeLoader } from "../cli/runtime-loader.js";
import type { DoctorCheck } from "./doctor-check.js";
import type { DoctorProbes } from "./probes.js";

/** What the checks run against. */
export interface DoctorInput {
  readonly projectDir: string;
  /** The loaded configuration, or why it could not be loaded. */
  readonly config: { readonly ok: true; readonly value: SnakepitConfig; readonly file?: string } | { readonly ok: false; readonly reason: string };
  readonly probes: DoctorProbes;
  readonly runtime: RuntimeLoader;
  readonly nodeVersion: string;
  readonly onStep?: (name: string) => void;
}

/**
 * Runs every check in order and never stops early: the point of doctor is
 * the full picture. Python-side checks (environment, bridge, workers) run
 * only when the configuration loads.
 */
export async function runDoctorChecks(input: DoctorInput): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  const step = (name: string) => input.onStep?.(name);

  const major = Number(input.nodeVersion.split(".")[0]);
  checks.push(major >= 22
    ? { name: "node", status: "ok", detail: `Node ${input.nodeVersion}` }
    : { name: "node", status: "fail", detail: `Node ${input.nodeVersion}`, fix: "Use Node 22 or later (24 recommended: it loads snakepit.config.ts natively)." });

  checks.push(input.config.ok
    ? { name: "config", status: "ok", detail: `${input.config.file ?? "no config file (using an empty catalog)"}: ${Object.keys(input.config.value.libraries).length} libraries` }
    : { name: "config", status: "fail", detail: input.config.reason, fix: "Fix snakepit.config.ts as the message says, or run `snakepit init`." });

  step("python3");
  const python = await input.probes.pythonVersion();
  checks.push(python
    ? { name: "python3", status: "ok", detail: `Python ${python} on PATH` }
    : { name: "python3", status: "warn", detail: "no python3 on PATH", fix: "Optional when uv is available (it downloads the Python the config asks for); otherwise install Python 3.10 or later." });

  step("uv");
  const uv = await input.probes.detectUv(input.projectDir).catch((error: unknown): ManagerDetection => ({ available: false, reason: (error as Error).message }));
  checks.push(uv.available
    ? { name: "uv", status: "ok", detail: `uv ${uv.version ?? ""} (${uv.source ?? uv.executable ?? "found"})`.replace("  ", " ") }
    : { name: "uv", status: "fail", detail: uv.reason ?? "uv was not found and could not be bootstrapped", fix: "Install uv (curl -LsSf https://astral.sh/uv/install.sh | sh, or pip install uv), or point SNAKEPIT_UV at its executable." });

  if (input.config.ok && input.probes.selectManager) {
    step("environment manager");
    const choice = input.config.value.environment?.manager;
    const selected = await input.probes.selectManager(input.projectDir, choice).catch((error: unknown) => ({ name: "", reason: (error as Error).message }));
    checks.push(selected.name
      ? { name: "environment manager", status: "ok", detail: `${selected.name}: ${selected.reason}` }
      : { name: "environment manager", status: "fail", detail: selected.reason, fix: "Install uv (or let Snakepit bootstrap it with pip), or choose a manager in environment.manager." });
  }

  if (!input.config.ok) {
    checks.push(...["environment", "bridge", "workers"].map((name): DoctorCheck => ({ name, status: "skip", detail: "skipped: the configuration does not load" })));
  } else {
    checks.push(...await pythonChecks(input, input.config.value, step));
  }

  const cache = input.config.ok ? input.config.value.execution?.cache : undefined;
  if (cache?.store === "redis") {
    const url = cache.redisUrl ?? process.env.SNAKEPIT_REDIS_URL;
    step("redis");
    if (!url) checks.push({ name: "redis", status: "fail", detail: "execution.cache.store is \"redis\" but no URL is set", fix: "Set execution.cache.redisUrl or the SNAKEPIT_REDIS_URL variable." });
    else {
      const problem = await input.probes.pingRedis(url).then(() => undefined, (error: unknown) => (error as Error).message);
      checks.push(problem === undefined
        ? { name: "redis", status: "ok", detail: `${redact(url)} answers` }
        : { name: "redis", status: "fail", detail: `${redact(url)}: ${problem}`, fix: "Start Redis (docker run -p 6379:6379 redis), fix the URL, or set execution.cache.store to \"memory\"." });
    }
  } else checks.push({ name: "redis", status: "skip", detail: "not configured (execution.cache.store is not \"redis\")" });
  return checks;
}

async function pythonChecks(input: DoctorInput, config: SnakepitConfig, step: (name: string) => void): Promise<DoctorCheck[]> {
  step("environment (this can take a while the first time)");
  let running;
  try {
    running = await input.runtime.start({ config, projectDir: input.projectDir });
  } catch (error) {
    const message = (error as Error).message;
    if (error instanceof EnvironmentError) {
      return [
        { name: "environment", status: "fail", detail: message, fix: "Fix what the message names (a package that does not exist, a Python version uv cannot find, no network); `snakepit sync` shows uv's full output." },
        { name: "bridge", status: "skip", detail: "skipped: no environment" },
        { name: "workers", status: "skip", detail: "skipped: no environment" },
      ];
    }
    return [
      { name: "environment", status: "ok", detail: "built" },
      { name: "bridge", status: "fail", detail: message, fix: "The workers did not start: check that snakepit-bridge is importable in the environment (SNAKEPIT_BRIDGE_PATH for a checkout) and that nothing blocks local ports." },
      { name: "workers", status: "fail", detail: "did not start" },
    ];
  }
  try {
    step("workers");
    const health = await running.snakepit.health();
    const ready = health.endpoints.filter((endpoint) => endpoint.ready);
    const bridge = ready.find((endpoint) => endpoint.bridgeVersion)?.bridgeVersion;
    return [
      { name: "environment", status: "ok", detail: `Python ${running.pythonVersion ?? ready[0]?.pythonVersion ?? "(version unknown)"}` },
      { name: "bridge", status: "ok", detail: `snakepit-bridge ${bridge ?? "(version not reported)"} imports in the environment` },
      ready.length === health.endpoints.length && ready.length > 0
        ? { name: "workers", status: "ok", detail: `${ready.length}/${health.endpoints.length} ready` }
        : { name: "workers", status: "fail", detail: `${ready.length}/${health.endpoints.length} ready: ${health.endpoints.map((endpoint) => endpoint.problem).filter(Boolean).join("; ")}`, fix: "See the problems above; `execution.workers` lowers the count if the machine is short of memory." },
    ];
  } finally {
    await running.snakepit.close();
  }
}

/** A Redis URL without its password, for output. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return url;
  }
}
