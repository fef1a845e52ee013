import { NotAllowedError, NotFoundError, PipelineStepError, PythonError, type SnakepitError } from "../errors/index.js";
import type { RemoteProxy } from "./remote-object.js";
import { mapDeep } from "./refs.js";
import type { PipelineFailure } from "./pipeline-graph.js";
import { OutputSlot } from "./pipeline-builder.js";
import type { KeptNode, PipelineNode } from "./pipeline-node.js";

/**
 * What `py.pipeline` resolves to: the shape the build function returned,
 * with every node replaced by its value and every kept node by a remote object.
 */
export type PipelineResult<R> =
  R extends KeptNode ? RemoteProxy :
  R extends PipelineNode<infer T> ? T :
  R extends readonly unknown[] ? { -readonly [K in keyof R]: PipelineResult<R[K]> } :
  R extends Map<infer K, infer V> ? Map<K, PipelineResult<V>> :
  R extends object ? { -readonly [K in keyof R]: PipelineResult<R[K]> } :
  R;

/** Puts the output values back into the returned shape, or throws the failed step's typed error. */
export function resolvePipelineReply(reply: unknown, template: unknown, wrap: (value: unknown) => unknown): unknown {
  if (!Array.isArray(reply)) {
    if (reply && typeof reply === "object" && "failed" in reply) throw stepError((reply as { failed: PipelineFailure }).failed);
    throw new TypeError(`The worker answered a pipeline with ${JSON.stringify(reply)?.slice(0, 200) ?? String(reply)}; expected its outputs (an array) or {failed}. Update snakepit-bridge to match @snakepit/core.`);
  }
  const outputs = reply;
  return mapDeep(template, (value) => (value instanceof OutputSlot ? wrap(outputs[value.index]) : value));
}

/** The typed error of a failed step, as a plain call would have raised it. */
export function stepFailureCause(failure: PipelineFailure): SnakepitError {
  return stepError(failure).cause;
}

function stepError(failure: PipelineFailure): PipelineStepError {
  const python = new PythonError({ pythonType: failure.type, pythonModule: failure.module, pythonMessage: failure.message, traceback: failure.traceback, target: failure.target });
  let cause: SnakepitError = python;
  if (failure.code === "not_found" || failure.code === "unknown_ref") cause = new NotFoundError(failure.target, failure.message, { cause: python });
  else if (failure.code === "not_allowed") cause = new NotAllowedError(failure.target, failure.message, { cause: python });
  return new PipelineStepError(failure.step, failure.target, cause);
}
