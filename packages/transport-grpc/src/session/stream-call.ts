import { CancelledError, TransportError, describeTarget, type CallRequest, type TransportCallOptions } from "@snakepit/core";
import { errorFromPython } from "../wire/python-error-mapping.js";
import { toWireCall } from "../wire/request-conversion.js";
import { errorFromRpc, reasonText } from "../wire/rpc-failure.js";
import type { RpcContext } from "./bridge-rpc.js";

/**
 * Runs a generator or iterable over the Stream RPC and yields its decoded
 * items. The RPC is pulled one item at a time, so gRPC flow control holds
 * Python back when the consumer is slow; leaving the loop early (break,
 * return, throw) aborts the RPC, which closes the Python generator.
 */
export async function* runStream(request: CallRequest, options: TransportCallOptions, context: RpcContext): AsyncGenerator<unknown, void, undefined> {
  const target = describeTarget(request);
  const callContext = { target, timeoutMs: options.timeoutMs };
  if (options.signal?.aborted) throw new CancelledError(target, reasonText(options.signal.reason));
  const wire = toWireCall(request, context.nextId(), context.codec, options.timeoutMs);
  const controller = new AbortController();
  const forwardAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener("abort", forwardAbort, { once: true });
  try {
    for await (const item of context.rpc.stream(wire, { signal: controller.signal, timeoutMs: options.timeoutMs })) {
      switch (item.event.case) {
        case "item":
          yield context.codec.decode(item.event.value);
          break;
        case "error":
          throw errorFromPython(item.event.value, callContext);
        default:
          throw new TransportError(`Worker ${context.endpoint} sent an empty stream item for ${target}; its snakepit-bridge may not match @snakepit/transport-grpc.`);
      }
    }
  } catch (error) {
    throw errorFromRpc(error, { ...callContext, endpoint: context.endpoint, signal: options.signal });
  } finally {
    options.signal?.removeEventListener("abort", forwardAbort);
    controller.abort(new CancelledError(target, "the consumer stopped reading"));
  }
}
