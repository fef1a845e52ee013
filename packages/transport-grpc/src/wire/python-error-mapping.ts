import { CancelledError, CodecError, NotAllowedError, NotFoundError, PythonError, TimeoutError, type SnakepitError } from "@snakepit/core";
import type { PythonError as PythonErrorMessage } from "../gen/snakepit/v1/bridge_pb.js";
import { typeScriptErrorOf } from "./callback-error-cause.js";

/** What the caller asked for, so errors can name it. */
export interface CallContext {
  /** Human-readable target ("numpy.mean", "<Counter r1>.most_common"). */
  readonly target: string;
  /** The deadline the caller set, for `TimeoutError`. */
  readonly timeoutMs?: number;
  /** Calls of the caller it stands for, when more than one (a MAP call: a batch, or calls the session folded): run times are per call. */
  readonly calls?: number;
}

/**
 * Turns the worker's structured exception into the typed error the caller
 * branches on. Bridge failures (bad path, refused call, codec) become their own
 * error classes, with the Python side kept as `cause` for its traceback; user
 * exceptions become `PythonError` with type, module, message and traceback.
 */
export function errorFromPython(error: PythonErrorMessage, context: CallContext): SnakepitError {
  const callbackError = typeScriptErrorOf(error);
  const python = new PythonError({
    pythonType: error.type || "Exception",
    pythonModule: error.module,
    pythonMessage: error.message,
    traceback: error.traceback,
    target: context.target,
  }, callbackError ? { cause: callbackError } : undefined);
  const options = { cause: python };
  switch (error.bridgeCode) {
    case "not_found":
      return new NotFoundError(context.target, error.message, options);
    case "unknown_ref":
      return new NotFoundError(context.target, `${error.message} (the remote object was released, or the worker that held it restarted; create it again)`, options);
    case "not_allowed":
      return new NotAllowedError(context.target, error.message, options);
    case "cancelled":
      return new CancelledError(context.target, error.message || "the worker cancelled it", options);
    case "deadline":
      return new TimeoutError(context.target, context.timeoutMs ?? 0, options);
    case "encode":
      return new CodecError(`The result of ${context.target} could not be sent back from Python: ${error.message}. Ask for a ref (resultMode "ref") to keep it in Python.`, options);
    case "decode":
      return new CodecError(`Python could not read the arguments of ${context.target}: ${error.message}.`, options);
    default:
      return python;
  }
}
