import { SnakepitError } from "../errors/index.js";
import { mapDeep } from "../facade/refs.js";
import { describeStep, pipelineGraphVersion, pipelineOps, referencedStep, type PipelineFailure, type PipelineGraph, type PipelineReply, type PipelineStep, type SettledOutput } from "../facade/pipeline-graph.js";

/** What the in-memory pipeline runner needs from its transport. */
export interface InMemoryPipelineHost {
  /** The handler at a dotted path; throws NotFoundError when none is registered. */
  resolve(path: string): unknown;
  /** Calls a handler the way the transport does (classes constructed, kwargs as one extra last argument). */
  invoke(callable: unknown, self: unknown, args: unknown[], kwargs: Record<string, unknown>, target: string): Promise<unknown>;
  /** Arguments as they arrived: refs become the objects they stand for. */
  fromWire(value: unknown, target: string): unknown;
  /** A result in its wire form: kept outputs always as refs. */
  toWire(value: unknown, mode: "auto" | "ref"): unknown;
  /** A failure queued with `failNext` for this path, if any. */
  takeFailure(path: string): Error | undefined;
}

/**
 * Runs a pipeline graph against the registered handlers, step by step, with
 * the same reply shape as `python/snakepit_bridge/pipeline.py`: the test
 * double behaves like the worker, one request for the whole graph.
 */
export async function runPipelineInMemory(graph: PipelineGraph, host: InMemoryPipelineHost): Promise<PipelineReply> {
  const [version, isolate, steps, outputs] = graph;
  if (version !== pipelineGraphVersion) throw new TypeError(`A pipeline graph must be [version ${pipelineGraphVersion}, isolate, steps, outputs]; got version ${String(version)}.`);
  const values: unknown[] = [];
  const failures = new Map<number, PipelineFailure>();
  for (const [index, step] of steps.entries()) {
    const target = describeStep(step);
    try {
      values.push(await runStep(step, values, host, target));
    } catch (error) {
      if (!isolate) return { failed: failureOf(index, target, error) };
      // Isolated runs (coalesced calls) go on; each output settles on its own.
      values.push(undefined);
      failures.set(index, failureOf(index, target, error));
    }
  }
  // An output ~i (negative) is step i kept as a remote object.
  const wire = (output: number) => (output >= 0 ? host.toWire(values[output], "auto") : host.toWire(values[~output], "ref"));
  if (!isolate) return outputs.map(wire);
  return { settled: outputs.map((output): SettledOutput => {
    const failed = failures.get(output >= 0 ? output : ~output);
    return failed ? { failed } : { value: wire(output) };
  }) };
}

async function runStep(step: PipelineStep, values: unknown[], host: InMemoryPipelineHost, target: string): Promise<unknown> {
  const [op, path, on, object, name, args, kwargs, nodes] = step;
  const queued = path ? host.takeFailure(path) : undefined;
  if (queued) throw queued;
  const base = path !== null ? host.resolve(path) : on !== null ? values[on] : host.fromWire(object, target);
  const deep = (value: unknown) => mapDeep(value, (item) => {
    const index = referencedStep(item);
    return index === undefined ? item : values[index];
  });
  const linked = Array.isArray(nodes) ? (args ?? []).map((value, position) => (nodes.includes(position) ? values[value as number] : value)) : (args ?? []);
  const positional = (nodes === true ? linked.map(deep) : linked).map((value) => host.fromWire(value, target));
  if (op === pipelineOps.getitem) return base instanceof Map ? base.get(positional[0]) : (base as Record<string, unknown>)[String(positional[0])];
  const member = name ? (base as Record<string, unknown>)[name] : base;
  if (op === pipelineOps.getattr) return member;
  const keywords = host.fromWire(nodes === true ? deep(kwargs ?? {}) : (kwargs ?? {}), target) as Record<string, unknown>;
  return host.invoke(member, name ? base : undefined, positional, keywords, target);
}

function failureOf(step: number, target: string, error: unknown): PipelineFailure {
  const cause = error instanceof Error ? error : new Error(String(error));
  const code = cause instanceof SnakepitError ? ({ NOT_FOUND: "not_found", NOT_ALLOWED: "not_allowed" } as Record<string, string>)[cause.code] ?? "" : "";
  const type = (cause as { pythonType?: string }).pythonType ?? (cause.name === "Error" ? "Exception" : cause.name);
  return { step, target, type, module: "builtins", message: cause.message, traceback: cause.stack ?? "", code };
}
