import type { CallRequest } from "@snakepit/core";

/** A slice of a batch bound for one worker, with the positions its results go back to. */
export interface BatchGroup {
  readonly requests: CallRequest[];
  readonly indexes: number[];
}

/**
 * Splits a batch so every worker gets a contiguous share, while calls on a
 * remote object stay together with the worker that owns it (one group per
 * owner). Small batches stay in one message: splitting only pays when there
 * are enough calls to keep several workers busy.
 */
export function splitBatch(requests: readonly CallRequest[], workers: number, minimumPerGroup = 64): BatchGroup[] {
  const byOwner = new Map<string, BatchGroup>();
  const free: BatchGroup = { requests: [], indexes: [] };
  requests.forEach((request, index) => {
    if (request.ref) {
      const group = byOwner.get(request.ref.owner) ?? { requests: [], indexes: [] };
      group.requests.push(request);
      group.indexes.push(index);
      byOwner.set(request.ref.owner, group);
    } else {
      free.requests.push(request);
      free.indexes.push(index);
    }
  });
  const parts = Math.max(1, Math.min(workers, Math.floor(free.requests.length / minimumPerGroup)));
  const size = Math.ceil(free.requests.length / parts);
  const shares: BatchGroup[] = [];
  for (let start = 0; start < free.requests.length; start += size) {
    shares.push({ requests: free.requests.slice(start, start + size), indexes: free.indexes.slice(start, start + size) });
  }
  return [...byOwner.values(), ...shares];
}
