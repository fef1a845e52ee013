import { create } from "@bufbuild/protobuf";
import { CancelledError, TransportError, describeTarget, type BatchOptions, type CallOutcome, type CallRequest } from "@snakepit/core";
import { BatchRequestSchema, type CallReply, type CallRequest as WireCallRequest } from "../gen/snakepit/v1/bridge_pb.js";
import type { CallContext } from "../wire/python-error-mapping.js";
import { outcomeOfReply } from "../wire/reply-conversion.js";
import { toWireCall } from "../wire/request-conversion.js";
import { errorFromRpc } from "../wire/rpc-failure.js";
import type { RpcContext } from "./bridge-rpc.js";

/**
 * Sends many calls in one Batch RPC and settles each slot on its own, like
 * `Promise.allSettled`. A slot whose arguments the codec refuses fails alone
 * and is not sent (with `stopOnError`, nothing after it is sent either). The
 * whole batch rejects only when the RPC itself fails (connection, deadline, abort).
 */
export async function runBatch(requests: readonly CallRequest[], options: BatchOptions, context: RpcContext): Promise<CallOutcome[]> {
  if (requests.length === 0) return [];
  const contexts: CallContext[] = requests.map((request) => ({ target: describeTarget(request), timeoutMs: options.timeoutMs }));
  const slots: (WireCallRequest | Error)[] = [];
  let refused = false;
  for (const [index, request] of requests.entries()) {
    if (refused && options.stopOnError) {
      slots.push(new CancelledError(contexts[index]?.target ?? "", "an earlier call of the batch failed"));
      continue;
    }
    try {
      slots.push(toWireCall(request, context.nextId(), context.codec, options.timeoutMs));
    } catch (error) {
      refused = true;
      slots.push(error as Error);
    }
  }
  const calls = slots.filter((slot): slot is WireCallRequest => !(slot instanceof Error));
  const replies = new Map<bigint, CallReply>();
  if (calls.length > 0) {
    const target = `a batch of ${requests.length} calls (${contexts[0]?.target}, …)`;
    if (options.signal?.aborted) throw new CancelledError(target, "the signal was already aborted");
    try {
      const reply = await context.rpc.batch(create(BatchRequestSchema, { calls, stopOnError: options.stopOnError ?? false }), options);
      for (const item of reply.replies) replies.set(item.id, item);
    } catch (error) {
      throw errorFromRpc(error, { target, endpoint: context.endpoint, timeoutMs: options.timeoutMs, signal: options.signal });
    }
  }
  return slots.map((slot, index): CallOutcome => {
    const callContext = contexts[index] ?? { target: "" };
    if (slot instanceof Error) return { status: "rejected", reason: slot };
    const reply = replies.get(slot.id);
    if (reply) return outcomeOfReply(reply, context.codec, callContext);
    if (options.stopOnError) return { status: "rejected", reason: new CancelledError(callContext.target, "an earlier call of the batch failed") };
    return { status: "rejected", reason: new TransportError(`Worker ${context.endpoint} sent no reply for ${callContext.target} in its batch reply; its snakepit-bridge may not match @snakepit/transport-grpc.`) };
  });
}
