import { CodecError, TransportError, type CallOutcome, type Description, type HealthStatus } from "@snakepit/core";
import type { CallReply, DescribeReply, HealthReply } from "../gen/snakepit/v1/bridge_pb.js";
import type { PayloadCodec } from "../codec/payload-codec.js";
import { errorFromPython, type CallContext } from "./python-error-mapping.js";

/** The decoded value of a reply, or the typed error it carries (thrown). */
export function valueOfReply(reply: CallReply, codec: PayloadCodec, context: CallContext): unknown {
  switch (reply.outcome.case) {
    case "value":
      return codec.decode(reply.outcome.value);
    case "error":
      throw errorFromPython(reply.outcome.value, context);
    default:
      throw new TransportError(`The worker answered ${context.target} with neither a value nor an error; its snakepit-bridge may not match @snakepit/transport-grpc.`);
  }
}

/** A reply as a `Promise.allSettled`-shaped outcome. */
export function outcomeOfReply(reply: CallReply, codec: PayloadCodec, context: CallContext): CallOutcome {
  try {
    return { status: "fulfilled", value: valueOfReply(reply, codec, context) };
  } catch (error) {
    return { status: "rejected", reason: error as Error };
  }
}

const descriptionKinds = new Set(["function", "class", "module", "attribute"]);

/**
 * Parses the worker's description JSON. The bridge writes core's Description
 * shapes as they are; only the discriminant is checked here, so that a
 * mismatched bridge fails loudly instead of producing half-typed objects.
 */
export function descriptionOfReply(reply: DescribeReply, context: CallContext): Description {
  if (reply.outcome.case === "error") throw errorFromPython(reply.outcome.value, context);
  if (reply.outcome.case !== "descriptionJson") throw new TransportError(`The worker answered describe(${context.target}) with neither a description nor an error.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(reply.outcome.value);
  } catch (error) {
    throw new CodecError(`The worker's description of ${context.target} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const kind = (parsed as { kind?: unknown } | null)?.kind;
  if (typeof kind !== "string" || !descriptionKinds.has(kind)) {
    throw new CodecError(`The worker's description of ${context.target} has kind ${JSON.stringify(kind)}; expected one of ${[...descriptionKinds].join(", ")}. Its snakepit-bridge may not match @snakepit/transport-grpc.`);
  }
  return parsed as Description;
}

/** A health reply as core's HealthStatus with this one endpoint. */
export function healthOfReply(reply: HealthReply, endpoint: string): HealthStatus {
  return {
    ready: reply.ready,
    endpoints: [{
      id: endpoint,
      ready: reply.ready,
      pid: reply.pid,
      pythonVersion: reply.pythonVersion,
      bridgeVersion: reply.bridgeVersion,
      inFlight: reply.inFlight,
      refs: reply.refs,
      rssBytes: Number(reply.rssBytes),
      ...(reply.instanceId ? { instanceId: reply.instanceId } : {}),
      ...(reply.ready ? {} : { problem: "the worker reports it is not ready" }),
    }],
  };
}
