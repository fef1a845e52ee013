import type { NDArray, Snakepit } from "@snakepit/core";
import { medianTime } from "../scenarios.js";
import { now, summarize } from "../stats.js";

/**
 * p50 of one callback round trip, Python → TS → Python, trivial function:
 * `functools.reduce` calls a TS `add` once per item, so the time between the
 * starts of two consecutive invocations is exactly one round trip (reply to
 * Python, Python's next call to the proxy, the invocation back to Node).
 */
export async function callbackRoundTripUs(py: Snakepit, invocations: number): Promise<number> {
  const items = Array.from({ length: invocations + 1 }, (_, index) => index);
  const gaps: number[] = [];
  let previous: bigint | undefined;
  const add = (left: number, right: number): number => {
    const started = now();
    if (previous !== undefined) gaps.push(Number(started - previous) / 1_000);
    previous = started;
    return left + right;
  };
  await py.call("functools.reduce", [add, items.slice(0, 50)]); // warm-up
  gaps.length = 0;
  previous = undefined;
  await py.call("functools.reduce", [add, items]);
  return summarize(gaps).p50Us;
}

/** The 10-dimensional Rosenbrock function, written in TypeScript. */
function rosenbrock(x: NDArray): number {
  const values = x.data as Float64Array;
  let sum = 0;
  for (let index = 0; index + 1 < values.length; index++) {
    const a = values[index] ?? 0;
    const b = values[index + 1] ?? 0;
    sum += 100 * (b - a * a) ** 2 + (1 - a) ** 2;
  }
  return sum;
}

const start = [1.3, 0.7, 0.8, 1.9, 1.2, 1.1, 0.5, 0.9, 1.4, 0.6];

/**
 * Median time of `scipy.optimize.minimize` (BFGS, numerical gradient) of the
 * 10-d Rosenbrock function written in TypeScript, and of the same objective
 * written in Python (`scipy.optimize.rosen`, passed as a RemoteObject), same run.
 */
export async function rosenbrockMinimizeMs(py: Snakepit, runs: number): Promise<{ typeScriptMs: number; pythonMs: number; evaluations: number }> {
  const pythonObjective = await py.getAttribute("scipy.optimize.rosen");
  let evaluations = 0;
  const counted = (x: NDArray): number => {
    evaluations++;
    return rosenbrock(x);
  };
  const minimize = (objective: unknown) => py.call("scipy.optimize.minimize", [objective, start], { method: "BFGS" });
  const typeScriptUs = await medianTime(() => minimize(counted), runs, 1);
  const perRun = evaluations / (runs + 1);
  const pythonUs = await medianTime(() => minimize(pythonObjective), runs, 1);
  return { typeScriptMs: typeScriptUs / 1_000, pythonMs: pythonUs / 1_000, evaluations: Math.round(perRun) };
}
