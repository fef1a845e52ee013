import { add } from "./numbers.js";
import { pythonException, pythonTypeName } from "./python-exception.js";

/** builtins.range: checks its arguments when called, as CPython does, then streams lazily. */
export function range(first: number, stop?: number, step = 1): Generator<number> {
  const [start, end] = stop === undefined ? [0, first] : [first, stop];
  if (step === 0) throw pythonException("ValueError", "range() arg 3 must not be zero");
  return (function* lazily() {
    for (let value = start; step > 0 ? value < end : value > end; value += step) yield value;
  })();
}

/** itertools.accumulate: running sums; raises TypeError mid-stream when an item cannot be added. */
export function* accumulate(iterable: Iterable<unknown>): Generator<unknown> {
  let total: unknown;
  let first = true;
  for (const item of iterable) {
    total = first ? item : add(total, item);
    first = false;
    yield total;
  }
}

/** itertools.count: never ends, so only a consumer that stops early can use it. */
export function* count(start = 0, step = 1): Generator<number> {
  for (let value = start; ; value += step) yield value;
}

/** builtins.sorted for numbers or strings; `reverse` arrives as a keyword argument. */
export function sorted(iterable: Iterable<unknown>, keywords: { readonly reverse?: boolean } = {}): unknown[] {
  const items = [...iterable];
  const kinds = new Set(items.map((item) => (typeof item === "number" ? "number" : pythonTypeName(item))));
  if (kinds.size > 1) throw pythonException("TypeError", `'<' not supported between instances of ${[...kinds].map((kind) => `'${kind === "number" ? "int" : kind}'`).join(" and ")}`);
  items.sort((left, right) => (typeof left === "number" && typeof right === "number" ? left - right : String(left) < String(right) ? -1 : String(left) > String(right) ? 1 : 0));
  return keywords.reverse ? items.reverse() : items;
}
