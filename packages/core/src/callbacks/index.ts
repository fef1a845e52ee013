export { ToolRegistry, type ToolFunction, type ToolOptions, type ExposedTool } from "./tool-registry.js";
export { callbackSignal, invokeWithSignal } from "./callback-signal.js";
