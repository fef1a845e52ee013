import { isRemoteRef, pipelineTarget, type CallRequest, type RemoteRef } from "@snakepit/core";

/**
 * The remote object a call must run next to, if any: the object it is made
 * on, else the first remote object among its arguments. A pipeline's graph is
 * searched at any depth (its steps' arguments and objects); other calls only
 * at the top level of their arguments and keyword arguments, which costs
 * nothing on the hot path and covers `py.call("f", [remoteObject])`.
 *
 * @example
 * affinityOf({ target: "numpy.mean", args: [frameRef] }); // frameRef: run on its owner
 */
export function affinityOf(request: CallRequest): RemoteRef | undefined {
  if (request.ref) return request.ref;
  if (request.target === pipelineTarget) return firstRefDeep(request.args);
  for (const value of request.args ?? []) if (isRemoteRef(value)) return value;
  for (const key in request.kwargs) {
    const value = request.kwargs[key];
    if (isRemoteRef(value)) return value;
  }
  return undefined;
}

function firstRefDeep(value: unknown): RemoteRef | undefined {
  if (isRemoteRef(value)) return value;
  if (value === null || typeof value !== "object" || ArrayBuffer.isView(value)) return undefined;
  const items = Array.isArray(value) ? value : value instanceof Map ? [...value.values()] : Object.getPrototypeOf(value) === Object.prototype ? Object.values(value) : [];
  for (const item of items) {
    const found = firstRefDeep(item);
    if (found) return found;
  }
  return undefined;
}
