/**
 * Releases whatever an instance under test holds, if it says how: ports like
 * Introspector have no close method, but an adapter over a worker does.
 */
export async function disposeIfPossible(instance: unknown): Promise<void> {
  if (typeof instance !== "object" || instance === null) return;
  const disposable = instance as { close?: () => unknown; [Symbol.asyncDispose]?: () => unknown };
  const dispose = disposable[Symbol.asyncDispose] ?? disposable.close;
  if (typeof dispose === "function") await dispose.call(instance);
}
