import { pythonException } from "./python-exception.js";

/**
 * functools.reduce(function, iterable[, initial]) for a TypeScript function as
 * Python sees it: each step waits for the function's result (a promise is
 * awaited, as a worker waits for an async callback), and what it throws leaves the call.
 */
export async function reduce(fn: unknown, items: unknown, ...initial: unknown[]): Promise<unknown> {
  if (typeof fn !== "function") throw pythonException("TypeError", `'${typeof fn}' object is not callable`);
  if (!Array.isArray(items)) throw pythonException("TypeError", "reduce() arg 2 must support iteration");
  const values = [...initial.slice(0, 1), ...items];
  if (values.length === 0) throw pythonException("TypeError", "reduce() of empty iterable with no initial value");
  let accumulated = values[0];
  for (const value of values.slice(1)) accumulated = await (fn as (left: unknown, right: unknown) => unknown)(accumulated, value);
  return accumulated;
}
