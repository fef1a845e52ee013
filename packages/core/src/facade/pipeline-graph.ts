/**
 * The wire shape of a pipeline: plain data every codec already carries, sent
 * as the one argument of a reserved target through the ordinary call path.
 * `python/snakepit_bridge/pipeline.py` reads the same shape; change both or neither.
 */

/** Dotted path of the Python function that runs a graph in one request. */
export const pipelineTarget = "snakepit_bridge.pipeline.run";

/** Key of the one-entry map that stands for a step's value inside arguments. */
export const nodeMarker = "$snakepit_node";

export const pipelineGraphVersion = 1;

/** What a step does: call a path, a step's value or one of its methods; read an attribute; index. */
export type PipelineOperation = "call" | "getattr" | "getitem";

/** One step; exactly one of `path` (a dotted path), `on` (an earlier step) and `object` (a remote object) is set. */
export interface PipelineStep {
  readonly op: PipelineOperation;
  readonly path?: string;
  readonly on?: number;
  /** A remote object (its RemoteRef) the step works on. */
  readonly object?: unknown;
  /** The arguments hold no node markers: the worker skips looking for them. */
  readonly literal?: boolean;
  /** Method (call) or attribute (getattr) of the base. */
  readonly name?: string;
  /** Arguments; for getitem, the one key. May hold node markers at any depth. */
  readonly args?: readonly unknown[];
  readonly kwargs?: Readonly<Record<string, unknown>>;
}

/** A step whose value comes back; `keep` returns it as a remote object even when it could be copied. */
export interface PipelineOutput {
  readonly step: number;
  readonly keep?: boolean;
}

export interface PipelineGraph {
  readonly version: typeof pipelineGraphVersion;
  /** Independent calls (coalescing): every step runs, each output settles on its own. */
  readonly isolate?: boolean;
  readonly steps: readonly PipelineStep[];
  readonly outputs: readonly PipelineOutput[];
}

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
export type PipelineReply = { readonly outputs: readonly unknown[] } | { readonly failed: PipelineFailure } | { readonly settled: readonly SettledOutput[] };

/** The marker standing for step `index`'s value. */
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
  const base = step.path ?? (step.on !== undefined ? `<step ${step.on}>` : "<remote object>");
  if (step.op === "getitem") return `${base}[${JSON.stringify(step.args?.[0])}]`;
  return step.name ? `${base}.${step.name}` : base;
}
