import type { Meter } from "@opentelemetry/api";
import type { CacheStats } from "../facade/result-cache.js";
import { telemetryNames } from "./telemetry-names.js";

/**
 * Reports the result cache's counters as observable counters: read at
 * collection time from the counters the cache keeps anyway, so a hit costs
 * nothing more than it did. Returns the function that stops reporting
 * (called when the Snakepit closes).
 */
export function observeCacheStats(meter: Meter, stats: Readonly<CacheStats>): () => void {
  const { metrics: names } = telemetryNames;
  const hits = meter.createObservableCounter(names.cacheHits, { description: "Pure calls answered from the result cache", unit: "{call}" });
  const misses = meter.createObservableCounter(names.cacheMisses, { description: "Pure calls the result cache sent to Python", unit: "{call}" });
  const joined = meter.createObservableCounter(names.cacheJoined, { description: "Pure calls that joined an identical call in flight", unit: "{call}" });
  const observe = (result: { observe(observable: typeof hits, value: number): void }) => {
    result.observe(hits, stats.hits);
    result.observe(misses, stats.misses);
    result.observe(joined, stats.joined);
  };
  meter.addBatchObservableCallback(observe, [hits, misses, joined]);
  return () => meter.removeBatchObservableCallback(observe, [hits, misses, joined]);
}
