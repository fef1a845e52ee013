import type { Snakepit } from "@snakepit/core";
import { round } from "../stats.js";
import { atMost, type BenchRow } from "../targets.js";
import { callbackRoundTripUs, rosenbrockMinimizeMs } from "./callback-figures.js";

/** The figures of issue 9 (Python calls TypeScript), each against its same-run reference. */
export async function callbackRows(py: Snakepit, quick: boolean, callLatencyUs: number): Promise<BenchRow[]> {
  const roundTrip = await callbackRoundTripUs(py, quick ? 500 : 3_000);
  const minimize = await rosenbrockMinimizeMs(py, quick ? 3 : 7);
  return [
    atMost("callback round trip Python → TS → Python, p50 (baseline: TS → Python call p50)", roundTrip, "µs", 2 * callLatencyUs, "≤ 2× call", callLatencyUs),
    atMost(`scipy minimize, 10-d Rosenbrock objective in TS (${minimize.evaluations} callbacks; baseline: objective in Python)`, round(minimize.typeScriptMs), "ms", 3 * minimize.pythonMs, "≤ 3× Python", round(minimize.pythonMs)),
  ];
}
