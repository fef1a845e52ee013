/**
 * `npm run bench`: the call-path figures of issue 3 (and the environment
 * figures of issue 4), each measured in the same run as its raw baseline —
 * Node and Python exchanging length-prefixed MessagePack frames over stdio
 * and over a Unix socket, no gRPC. Prints a table and writes bench/results/latest.json.
 */
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createSnakepit, defineConfig, NDArray, type Snakepit } from "@snakepit/core";
import { UvEnvironmentManager } from "@snakepit/adapter-uv";
import { disableSharedMemoryTransfers } from "@snakepit/transport-grpc";
import { environmentSpecFor, sharedToolsDir, startRuntime } from "snakepit";
import { RawClient } from "./raw-client.js";
import { medianTime, sequentialLatency, type Caller } from "./scenarios.js";
import { throughputRounds } from "./throughput-rounds.js";
import { alternatingRounds, bestOf, roundsMeasured } from "./alternating-rounds.js";
import { round } from "./stats.js";
import { atLeast, atMost, printTable, type BenchRow } from "./targets.js";
import { optimizerRows } from "./optimizer/optimizer-rows.js";
import { callbackRows } from "./callbacks/callback-rows.js";

const benchDir = fileURLToPath(new URL("..", import.meta.url));
const quick = process.argv.includes("--quick");
const sequentialCalls = quick ? 500 : 3_000;
const throughputCalls = quick ? 5_000 : 30_000;
/** Alternating rounds of each figure compared with a raw reference (see alternating-rounds.ts). */
const rounds = quick ? 2 : 5;
const config = defineConfig({ python: "3.11", environment: { name: "bench" }, libraries: { numpy: { package: "numpy>=1.24", functions: ["sum"] }, pandas: { package: "pandas>=2" }, pyarrow: { package: "pyarrow>=14" }, scipy: { package: "scipy>=1.10" } }, execution: { workers: 2 } });

async function main(): Promise<void> {
  const manager = new UvEnvironmentManager({ toolsDir: sharedToolsDir() });
  const spec = environmentSpecFor(config, benchDir);
  const environment = await manager.ensure(spec);
  const ensureUnchangedUs = await medianTime(() => manager.ensure(spec), 5, 1);

  const socketDir = await mkdtemp(join(tmpdir(), "snakepit-bench-"));
  const rawScript = join(benchDir, "python", "raw_server.py");
  const stdio = await RawClient.start(environment.pythonPath, rawScript, "stdio", "");
  const unix = await RawClient.start(environment.pythonPath, rawScript, "socket", join(socketDir, "raw.sock"));
  const raw: Record<string, Caller> = { stdio: (target, args) => stdio.call(target, args), socket: (target, args) => unix.call(target, args) };

  const coldStart = performance.now();
  const { snakepit: py, pool } = await startRuntime({ config, projectDir: benchDir });
  // The call-path figures measure the socket; the optimizer figures turn the /dev/shm fast path on where they measure it.
  disableSharedMemoryTransfers();
  await py.call("operator.add", [1, 2]);
  const firstResultMs = round(performance.now() - coldStart, 0);
  const idleRss = Math.max(...(await py.health()).endpoints.map((endpoint) => endpoint.rssBytes ?? 0)) / 1048576;

  const snakepit: Caller = (target, args) => py.call(target, args);
  const rows: BenchRow[] = [];
  try {
    const p50 = async (call: Caller) => (await sequentialLatency(call, "operator.add", [1, 2], sequentialCalls)).p50Us;
    const latency = await alternatingRounds(rounds, { raw: () => bestOf(raw, p50, "min"), snakepit: () => p50(snakepit) });
    rows.push(atMost("p50 latency, one call at a time (add)", latency.snakepit, "µs", 2 * latency.raw, "≤ 2× raw", latency.raw));

    const coalescing = createSnakepit({ transport: pool, coalesce: true });
    const inFlight = await throughputRounds(raw, snakepit, (target, args) => coalescing.call(target, args), throughputCalls, rounds);
    rows.push(atLeast("calls/s, 64 in flight, no explicit batching", inFlight.plain, "calls/s", inFlight.raw, "≥ 1.0× raw", inFlight.raw));

    // Warmed up like the throughput rows (steady state): with 2 warm-up batches the figure timed V8 still compiling the batch path (a probe: ≈ 250k calls/s, ≈ 500k after 30 batches).
    const batchUs = await medianTime(() => runBatch(py, 1_000), quick ? 5 : 15, 20);
    const batchRate = round(1_000 / (batchUs / 1e6), 0);
    rows.push(atLeast("explicit batch of 1,000 calls", batchRate, "calls/s", 3 * inFlight.raw, "≥ 3× raw calls/s", inFlight.raw));

    const values = Float64Array.from({ length: 1_000_000 }, (_, index) => index % 7);
    const bytes = new Uint8Array(values.buffer);
    const array = NDArray.from(values);
    const arrayRuns = quick ? 3 : 5;
    const rawArraySum = () => bestOf(raw, (call) => medianTime(() => call("numpy.frombuffer_sum", [bytes]), arrayRuns), "min");
    const sums = await alternatingRounds(rounds, {
      raw: rawArraySum,
      snakepit: () => medianTime(() => py.call("numpy.sum", [array]), arrayRuns),
    });
    rows.push(atMost("1e6 float64 summed by numpy", round(sums.snakepit / 1000), "ms", (1.5 * sums.raw) / 1000, "≤ 1.5× raw", round(sums.raw / 1000)));

    rows.push(...(await optimizerRows({ py, pool, pythonPath: environment.pythonPath, benchDir, quick, rounds, rawThroughput: inFlight.raw, coalescedThroughput: inFlight.coalesced, rawArrayUs: sums.raw, rawArraySum })));

    rows.push(...(await callbackRows(py, quick, latency.snakepit)));

    rows.push(atMost("startRuntime() with 2 workers → first result (env ready)", firstResultMs, "ms", 400, "≤ 400 ms"));
    rows.push(atMost("idle worker RSS, bridge only", round(idleRss), "MB", 45, "≤ 45 MB"));
    rows.push(atMost("ensure() on an unchanged uv environment", round(ensureUnchangedUs / 1000), "ms", 100, "≤ 100 ms"));
  } finally {
    await py.close();
    stdio.close();
    unix.close();
  }
  printTable(rows);
  const results = { at: new Date().toISOString(), quick, workers: config.execution?.workers ?? 2, node: process.version, rows, rawBaselineNote: "raw = the better of stdio pipes and a Unix socket, same run", rounds: roundsMeasured };
  await mkdir(join(benchDir, "results"), { recursive: true });
  await writeFile(join(benchDir, "results", "latest.json"), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote ${join(benchDir, "results", "latest.json")}`);
}

async function runBatch(py: Snakepit, size: number): Promise<void> {
  const outcomes = await py.batch(Array.from({ length: size }, (_, index) => ({ path: "operator.add", args: [index, 1] })));
  if (outcomes.some((outcome) => outcome.status !== "fulfilled")) throw new Error("a batch call failed");
}

await main();
