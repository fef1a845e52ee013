import type { Snakepit, Transport } from "@snakepit/core";
import { round } from "../stats.js";
import { atLeast, atMost, type BenchRow } from "../targets.js";
import { arrowRoundTripMs, sharedMemoryArrayMs } from "./big-data-figures.js";
import { memoryCacheHitUs, redisCacheHitUs } from "./cache-figures.js";
import { pipelineVersusOneCallUs } from "./pipeline-versus-call.js";

export interface OptimizerBenchInput {
  readonly py: Snakepit;
  /** The worker pool, shared by the extra facades the figures build (never closed by them). */
  readonly pool: Transport;
  readonly pythonPath: string;
  readonly benchDir: string;
  readonly quick: boolean;
  /** Alternating rounds of a figure and its reference (alternating-rounds.ts). */
  readonly rounds: number;
  /** Raw baselines measured earlier in the same run. */
  readonly rawThroughput: number;
  /** Calls/s of coalesced calls, measured in the same alternating rounds as the raw baseline (throughput-rounds.ts). */
  readonly coalescedThroughput: number;
  readonly rawArrayUs: number;
  /** Measures the raw loop's 1e6-float64 sum again (µs): the /dev/shm figure alternates with it. */
  readonly rawArraySum: () => Promise<number>;
}

/** The figures of issue 6 (execution optimizer), each against its same-run reference. */
export async function optimizerRows(input: OptimizerBenchInput): Promise<BenchRow[]> {
  const { py, pool, quick } = input;
  const calls = quick ? 500 : 3_000;
  const runs = quick ? 5 : 15;
  const rows: BenchRow[] = [];

  rows.push(atMost("cache hit, in-memory, p50", await memoryCacheHitUs(pool, calls), "µs", 10, "≤ 10 µs"));

  const redis = await redisCacheHitUs(pool, calls);
  rows.push(atMost("cache hit, Redis, p50 (baseline: bare node-redis GET)", redis.hitUs, "µs", 1.5 * redis.bareGetUs, "≤ 1.5× bare GET", redis.bareGetUs));

  rows.push(atLeast("calls/s, 64 in flight, automatic coalescing", input.coalescedThroughput, "calls/s", 1.5 * input.rawThroughput, "≥ 1.5× raw", input.rawThroughput));

  const pipeline = await pipelineVersusOneCallUs(py, calls);
  rows.push(atMost("three dependent calls as one pipeline, p50 (baseline: one call)", pipeline.pipelineUs, "µs", 1.3 * pipeline.oneCallUs, "≤ 1.3× one call", pipeline.oneCallUs));

  const array = await sharedMemoryArrayMs(py, runs, input.rounds, input.rawArraySum);
  rows.push(atMost("1e6 float64 summed, same-host fast path (/dev/shm)", round(array.sharedMs), "ms", 0.5 * array.rawMs, "≤ 0.5× raw", round(array.rawMs)));
  rows.push(atMost("1e6 float64 summed, through the socket (for comparison)", round(array.socketMs), "ms", (1.5 * input.rawArrayUs) / 1000, "≤ 1.5× raw", round(input.rawArrayUs / 1000)));

  const frame = await arrowRoundTripMs(py, input.pythonPath, input.benchDir, input.rounds, quick ? 3 : 5);
  rows.push(atMost("100k × 10 DataFrame round trip via Arrow, fast path (baseline: pyarrow IPC write + read)", round(frame.roundTripMs), "ms", 2 * frame.pyarrowMs, "≤ 2× pyarrow", round(frame.pyarrowMs)));
  rows.push(atMost("100k × 10 DataFrame round trip via Arrow, Node → Python through the socket", round(frame.socketMs), "ms", 2 * frame.pyarrowMs, "≤ 2× pyarrow", round(frame.pyarrowMs)));
  return rows;
}
