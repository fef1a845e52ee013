import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";

/** Share of the next `ms` the event loop spends working rather than waiting in epoll (0…1). */
export async function utilizationOver(ms: number): Promise<number> {
  const before = performance.eventLoopUtilization();
  await sleep(ms);
  return performance.eventLoopUtilization(before).utilization;
}
