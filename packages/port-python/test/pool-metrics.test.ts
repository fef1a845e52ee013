import { AggregationTemporality, MeterProvider, MetricReader } from "@opentelemetry/sdk-metrics";
import { describe, expect, test } from "vitest";
import { poolMetricNames } from "../src/pool-metrics.js";
import { startFakePool, waitFor } from "./support.js";

/** A reader the test pulls from: collect() returns what the meter holds now. */
class PullMetricReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  protected override async onShutdown(): Promise<void> {}
  protected override async onForceFlush(): Promise<void> {}
}

function meterWithReader() {
  const reader = new PullMetricReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  const points = async (name: string) => {
    const { resourceMetrics } = await reader.collect();
    const metric = resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics).find((candidate) => candidate.descriptor.name === name);
    return metric?.dataPoints.map((point) => ({ attributes: point.attributes, value: point.value })) ?? [];
  };
  return { meterProvider, points };
}

describe("worker pool metrics (real processes, stand-in bridge)", () => {
  test("queue depth and ready workers are read from the pool when collected", async () => {
    const { meterProvider, points } = meterWithReader();
    const releases: (() => void)[] = [];
    const fake = startFakePool("ready", { workers: 1, capacity: 1, meterProvider }, {
      "app.wait": () => new Promise((resolve) => releases.push(() => resolve(null))),
    });
    const pool = await fake.start();
    try {
      expect(await points(poolMetricNames.readyWorkers)).toEqual([{ attributes: {}, value: 1 }]);
      const calls = [pool.call({ target: "app.wait" }), pool.call({ target: "app.wait" }), pool.call({ target: "app.wait" })];
      await waitFor(() => releases.length === 1 && pool.queued === 2);
      expect(await points(poolMetricNames.queueDepth)).toEqual([{ attributes: {}, value: 2 }]);
      while (releases.length < 3) {
        releases.at(-1)?.();
        const seen = releases.length;
        await waitFor(() => releases.length > seen);
      }
      releases.at(-1)?.();
      await Promise.all(calls);
      expect(await points(poolMetricNames.queueDepth)).toEqual([{ attributes: {}, value: 0 }]);
    } finally {
      await pool.close();
    }
  });

  test("a crashed worker counts as a restart; the caller's onEvent still sees every event", async () => {
    const { meterProvider, points } = meterWithReader();
    const events: string[] = [];
    const pool = await startFakePool("ready", { workers: 2, meterProvider, onEvent: (event) => events.push(event.type) }).start();
    try {
      expect(await points(poolMetricNames.restarts)).toEqual([]);
      const [victim] = pool.pids;
      process.kill(victim ?? 0, "SIGKILL");
      await waitFor(() => pool.readyWorkers === 2 && !pool.pids.includes(victim ?? 0));
      expect(await points(poolMetricNames.restarts)).toEqual([{ attributes: { "snakepit.restart.reason": "exited" }, value: 1 }]);
      expect(events.filter((type) => type === "worker-started")).toHaveLength(3);
      expect(events).toContain("worker-exited");
    } finally {
      await pool.close();
    }
  });
});
