import type { InMemoryHandler } from "@snakepit/core/testing";
import { Counter } from "./stdlib/counter.js";
import { deepcopy } from "./stdlib/deep-copy.js";
import { reduce } from "./stdlib/functional.js";
import { Fraction } from "./stdlib/fraction.js";
import { accumulate, count, range, sorted } from "./stdlib/iteration.js";
import { dumps } from "./stdlib/json-dumps.js";
import { add, divmod, mean, sqrt } from "./stdlib/numbers.js";
import { SimpleNamespace } from "./stdlib/simple-namespace.js";
import { sleep } from "./stdlib/time.js";

/**
 * TypeScript stand-ins for exactly the Python standard-library targets the
 * transport suite calls, so an InMemoryTransport runs the same suite as a real
 * worker. They follow CPython's results and exceptions for the arguments the
 * suite passes; they are not general re-implementations.
 *
 * @example
 * transportSuite(test, () => new InMemoryTransport(stdlibHandlers()));
 */
export function stdlibHandlers(): Record<string, InMemoryHandler> {
  return {
    "math.sqrt": sqrt,
    "operator.add": add,
    "statistics.mean": mean,
    "builtins.divmod": divmod,
    "builtins.sorted": sorted,
    "builtins.range": range,
    "itertools.count": count,
    "itertools.accumulate": accumulate,
    "json.dumps": dumps,
    "collections.Counter": Counter,
    "fractions.Fraction": Fraction,
    "types.SimpleNamespace": SimpleNamespace,
    "time.sleep": sleep,
    "copy.deepcopy": deepcopy,
    "functools.reduce": reduce,
  };
}

/**
 * Every dotted path the transport suite calls: what a real Python endpoint
 * must allow (all are in the standard library, so no install is needed).
 */
export const stdlibTargets: readonly string[] = Object.keys(stdlibHandlers());
