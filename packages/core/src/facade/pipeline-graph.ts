/**
 * The wire shape of a pipeline: plain data every codec already carries, sent
 * as the one argument of a reserved target through the ordinary call path.
 * `python/snakepit_bridge/pipeline.py` reads the same shape; change both or neither.
 */

/** Dotted path of the Python function that runs a graph in one request. */
export const pipelineTarget = "snakepit_bridge.pipeline.run";

/** Key of the one-entry map that stands for a step's value inside arguments. */
export const nodeMarker = "$snakepit_node";

export const pipelineGraphVersion = 2;

/**
 * What a step does: 0 calls its base (a dotted path, a step's value or a
 * remote object, or that base's method `name`); 1 reads the attribute `name`
 * of the base (or the module attribute at `path`); 2 indexes the base.
 */
export const pipelineOps = { call: 0, getattr: 1, getitem: 2 } as const;

export type PipelineOperation = keyof typeof pipelineOps;

/**
 * Where earlier steps' values go in a step's arguments: `null`, nowhere (the
 * arguments travel as they are); positions in `args` that hold a step index
 * (the common case, `p.call("f", [node])`); `true`, `{"$snakepit_node": i}`
 * markers anywhere inside `args` and `kwargs`.
 */
export type StepNodes = readonly number[] | true | null;

/**
 * One step, as an array: a pipeline is on the path of every call it makes,
 * and map keys cost more to write and read than the values they name
 * (version 1 was maps: keys were a third of Node's time for a pipeline).
 * Exactly one of `path`, `on` and `object` names the base (`object` counts
 * when both others are null).
 */
export type PipelineStep = readonly [
  op: (typeof pipelineOps)[PipelineOperation],
  path: string | null,
  on: number | null,
  object: unknown,
  name: string | null,
  args: readonly unknown[] | null,
  kwargs: Readonly<Record<string, unknown>> | null,
  nodes: StepNodes,
];

/** An output: a step index, or `~index` (negative) for a value that comes back as a remote object. */
export type PipelineOutput = number;

/** The graph: `[version, isolate, steps, outputs]`; isolate is for independent calls (coalescing): every step runs, each output settles on its own. */
export type PipelineGraph = readonly [version: typeof pipelineGraphVersion, isolate: boolean, steps: readonly PipelineStep[], outputs: readonly PipelineOutput[]];

/** How a step failed, as the worker reports it (the request itself succeeded). */
export interface PipelineFailure {
  readonly step: number;
  /** "pandas.read_csv", "<step 0>.mean", "<step 0>['x']". */
  readonly target: string;
  readonly type: string;
  readonly module: string;
  readonly message: string;
  readonly traceback: string;
  /** The bridge's refusal code ("not_found", "not_allowed", …), empty for user exceptions. */
  readonly code: string;
}

/** One output of an isolated run. */
export type SettledOutput = { readonly value: unknown } | { readonly failed: PipelineFailure };

/** The reply of the reserved target: output values in order, or the failed step; isolated runs settle each output. */
export type PipelineReply = readonly unknown[] | { readonly failed: PipelineFailure } | { readonly settled: readonly SettledOutput[] };

/** The marker standing for step `index`'s value deep inside arguments (nodes `true`). */
export function nodeReference(index: number): Record<string, number> {
  return { [nodeMarker]: index };
}

/** The step index a value refers to, when it is a node marker. */
export function referencedStep(value: unknown): number | undefined {
  if (value === null || typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return undefined;
  const keys = Object.keys(value);
  const index = (value as Record<string, unknown>)[nodeMarker];
  return keys.length === 1 && typeof index === "number" ? index : undefined;
}

/** Human-readable name of a step, the same text the worker uses in failures. */
export function describeStep(step: PipelineStep): string {
  const [op, path, on, , name, args] = step;
  const base = path ?? (on !== null ? `<step ${on}>` : "<remote object>");
  if (op === pipelineOps.getitem) return `${base}[${JSON.stringify(args?.[0])}]`;
  return name ? `${base}.${name}` : base;
}
