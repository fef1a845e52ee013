/**
 * The `_runtime.ts` every generated module imports: the binding to a running
 * Snakepit and the type aliases the mapped annotations use. Generated code
 * imports only from "@snakepit/core" and from this file.
 */
export const runtimeModuleText = `import type { NDArray, Snakepit } from "@snakepit/core";

let bound: Snakepit | undefined;

/**
 * Binds the generated wrappers to a running Snakepit. Call it once at startup;
 * every wrapper then calls through \`py\`. Binding again switches every
 * wrapper to the new instance (useful in tests with an InMemoryTransport).
 *
 * @example
 * \`\`\`ts
 * import { startSnakepit } from "snakepit";
 * import config from "./snakepit.config.js";
 * import { numpy, useSnakepit } from "./snakepit.generated.js";
 *
 * const py = useSnakepit(await startSnakepit({ config }));
 * const m = await numpy.mean([1, 2, 3]);
 * \`\`\`
 */
export function useSnakepit(py: Snakepit): Snakepit {
  bound = py;
  return py;
}

/** The Snakepit the wrappers call through; throws until \`useSnakepit(py)\` was called. */
export function snakepit(): Snakepit {
  if (!bound) {
    throw new Error("The generated Snakepit wrappers are not bound to a runtime yet. Call useSnakepit(py) once at startup, with py from startSnakepit() (or createSnakepit() in tests).");
  }
  return bound;
}

/** Nested arrays of numbers, as numpy accepts them for an array argument. */
export type NestedNumbers = number | bigint | boolean | readonly NestedNumbers[];

/** What an ndarray or array-like parameter accepts: an NDArray (sent as raw bytes) or nested arrays. */
export type ArrayInput = NDArray | NestedNumbers;

/**
 * A pandas DataFrame.
 * TODO(snakepit): the Arrow-backed frame type, once the codec decodes DataFrames; until then it stays \`unknown\`.
 */
export type DataFrame = unknown;

/** A pandas Series. TODO(snakepit): typed with the Arrow-backed frame type. */
export type Series = unknown;

/** Drops trailing undefined arguments, so an omitted optional positional argument keeps Python's default. */
export function trimTrailingUndefined(values: readonly unknown[]): unknown[] {
  let end = values.length;
  while (end > 0 && values[end - 1] === undefined) end--;
  return values.slice(0, end);
}
`;

/** Names `_runtime.ts` exports, by kind, for import statements. */
export const runtimeValueExports = new Set(["snakepit", "trimTrailingUndefined"]);
export const runtimeTypeExports = new Set(["ArrayInput", "DataFrame", "Series", "NestedNumbers"]);
