import type { CallRequest } from "../model/call.js";

/** Whether a function is among the call's arguments or keyword arguments (top level: where callbacks are passed). */
export function passesFunction(request: CallRequest): boolean {
  if (request.args?.some((arg) => typeof arg === "function")) return true;
  for (const key in request.kwargs) if (typeof request.kwargs[key] === "function") return true;
  return false;
}
