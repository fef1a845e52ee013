import type { PythonError as PythonErrorMessage } from "../gen/snakepit/v1/bridge_pb.js";

const stackHeader = "\nTypeScript stack:\n";

/**
 * A TypeScript callback threw, Python did not catch it, and the call failed
 * with `snakepit_bridge.callbacks.CallbackError`, whose message is
 * "Name: message" plus the TypeScript stack (callbacks.py). This rebuilds that
 * TypeScript error, to be the `cause` of the PythonError: the chain then
 * reads call site → Python traceback → the callback's own stack.
 */
export function typeScriptErrorOf(error: PythonErrorMessage): Error | undefined {
  if (error.module !== "snakepit_bridge.callbacks" || error.type !== "CallbackError") return undefined;
  const split = error.message.indexOf(stackHeader);
  const head = split >= 0 ? error.message.slice(0, split) : error.message;
  const separator = head.indexOf(": ");
  const name = separator > 0 ? head.slice(0, separator) : "Error";
  const message = separator > 0 ? head.slice(separator + 2) : head;
  const rebuilt = new Error(message);
  rebuilt.name = name;
  rebuilt.stack = split >= 0 ? error.message.slice(split + stackHeader.length) : `${name}: ${message}`;
  return rebuilt;
}
