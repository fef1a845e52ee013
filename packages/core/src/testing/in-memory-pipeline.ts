import { SnakepitError } from "../errors/index.js";
import { mapDeep } from "../facade/refs.js";
import { describeStep, referencedStep, type PipelineFailure, type PipelineGraph, type PipelineReply, type PipelineStep, type SettledOutput } from "../facade/pipeline-graph.js";

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
  const values: unknown[] = [];
  const failures = new Map<number, PipelineFailure>();
  for (const [index, step] of graph.steps.entries()) {
    const target = describeStep(step);
    try {
      values.push(await runStep(step, values, host, target));
    } catch (error) {
      if (!graph.isolate) return { failed: failureOf(index, target, error) };
      // Isolated runs (coalesced calls) go on; each output settles on its own.
      values.push(undefined);
      failures.set(index, failureOf(index, target, error));
    }
  }
  const wire = (step: number, keep: boolean | undefined) => host.toWire(values[step], keep ? "ref" : "auto");
  if (!graph.isolate) return { outputs: graph.outputs.map((output) => wire(output.step, output.keep)) };
  return { settled: graph.outputs.map((output): SettledOutput => {
    const failed = failures.get(output.step);
    return failed ? { failed } : { value: wire(output.step, output.keep) };
  }) };
}

async function runStep(step: PipelineStep, values: unknown[], host: InMemoryPipelineHost, target: string): Promise<unknown> {
  const queued = step.path ? host.takeFailure(step.path) : undefined;
  if (queued) throw queued;
  const base = step.path !== undefined ? host.resolve(step.path) : step.object !== undefined ? host.fromWire(step.object, target) : values[step.on ?? -1];
  const substitute = (value: unknown) => host.fromWire(mapDeep(value, (item) => {
    const index = referencedStep(item);
    return index === undefined ? item : values[index];
  }), target);
  const args = (step.args ?? []).map(substitute);
  if (step.op === "getitem") return base instanceof Map ? base.get(args[0]) : (base as Record<string, unknown>)[String(args[0])];
  const member = step.name ? (base as Record<string, unknown>)[step.name] : base;
  if (step.op === "getattr") return member;
  const kwargs = substitute(step.kwargs ?? {}) as Record<string, unknown>;
  return host.invoke(member, step.name ? base : undefined, args, kwargs, target);
}

function failureOf(step: number, target: string, error: unknown): PipelineFailure {
  const cause = error instanceof Error ? error : new Error(String(error));
  const code = cause instanceof SnakepitError ? ({ NOT_FOUND: "not_found", NOT_ALLOWED: "not_allowed" } as Record<string, string>)[cause.code] ?? "" : "";
  const type = (cause as { pythonType?: string }).pythonType ?? (cause.name === "Error" ? "Exception" : cause.name);
  return { step, target, type, module: "builtins", message: cause.message, traceback: cause.stack ?? "", code };
}
