import { CancelledError, SnakepitError, TimeoutError, TransportError } from "@snakepit/core";
import type { CallContext } from "./python-error-mapping.js";

/**
 * A gRPC status other than OK, in the same shape from both client libraries
 * (grpc-js `ServiceError` and Connect's `ConnectError` share the status codes).
 */
export class RpcFailure extends Error {
  constructor(
    /** gRPC status code (1 CANCELLED … 16 UNAUTHENTICATED). */
    readonly status: number,
    readonly details: string,
    options?: ErrorOptions,
  ) {
    super(`${statusNames[status] ?? `status ${status}`}: ${details}`, options);
    this.name = "RpcFailure";
  }
}

export const Status = { cancelled: 1, deadlineExceeded: 4, unavailable: 14 } as const;

const statusNames: Readonly<Record<number, string>> = {
  1: "CANCELLED", 2: "UNKNOWN", 3: "INVALID_ARGUMENT", 4: "DEADLINE_EXCEEDED", 5: "NOT_FOUND",
  6: "ALREADY_EXISTS", 7: "PERMISSION_DENIED", 8: "RESOURCE_EXHAUSTED", 9: "FAILED_PRECONDITION",
  10: "ABORTED", 11: "OUT_OF_RANGE", 12: "UNIMPLEMENTED", 13: "INTERNAL", 14: "UNAVAILABLE",
  15: "DATA_LOSS", 16: "UNAUTHENTICATED",
};

/** What to check for each status: the message should lead the reader to the fix. */
const advice: Readonly<Record<number, string>> = {
  7: "the worker refused the token: check that the x-snakepit-token given to the transport is the one the worker was started with",
  16: "the worker refused the token: check that the x-snakepit-token given to the transport is the one the worker was started with",
  8: "a message exceeded a size limit: check the worker's grpc.max_receive_message_length / max_send_message_length, or send less per call",
  12: "the worker does not implement this RPC: check that its snakepit-bridge version matches @snakepit/transport-grpc",
  13: "the worker failed internally: check its stderr log",
  14: "the worker could not be reached: check that it is running and listening at this address (a crashed or restarting worker looks like this)",
};

/**
 * Maps a failed RPC to the error the Transport contract promises: deadline →
 * `TimeoutError`, cancellation by the caller → `CancelledError`, anything
 * else → `TransportError` saying what to check. Snakepit errors pass through.
 */
export function errorFromRpc(error: unknown, context: CallContext & { readonly endpoint: string; readonly signal?: AbortSignal | undefined }): SnakepitError {
  if (error instanceof SnakepitError) return error;
  if (context.signal?.aborted) return new CancelledError(context.target, reasonText(context.signal.reason), { cause: error });
  if (!(error instanceof RpcFailure)) {
    return new TransportError(`${context.target} failed on the connection to worker ${context.endpoint}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (error.status === Status.deadlineExceeded && context.timeoutMs !== undefined) return new TimeoutError(context.target, context.timeoutMs, { cause: error });
  if (error.status === Status.cancelled) return new CancelledError(context.target, error.details || "the RPC was cancelled", { cause: error });
  const hint = advice[error.status] ?? "check the worker's stderr log and that its snakepit-bridge version matches @snakepit/transport-grpc";
  return new TransportError(`${context.target} failed on the connection to worker ${context.endpoint} (${error.message}); ${hint}.`, { cause: error });
}

/** Text for an abort reason; `AbortSignal.abort()` gives a DOMException whose message is generic. */
export function reasonText(reason: unknown): string {
  if (reason instanceof Error) return reason.message;
  return reason === undefined ? "aborted" : String(reason);
}
