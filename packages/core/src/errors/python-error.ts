import { SnakepitError } from "./snakepit-error.js";

/** The fields a Python exception carries across the wire. */
export interface PythonExceptionInfo {
  /** Exception class name ("ValueError"). */
  readonly pythonType: string;
  /** Module of the class ("builtins", "numpy.linalg"). */
  readonly pythonModule: string;
  readonly pythonMessage: string;
  /** Formatted Python traceback, most recent call last. */
  readonly traceback: string;
  /** Dotted path (or ref method) that was called. */
  readonly target: string;
}

/**
 * Python code raised. The TS stack shows where the call was made; `traceback`
 * shows where Python failed. `instanceof` works for the whole hierarchy;
 * compare `pythonType` to branch on the Python class.
 */
export class PythonError extends SnakepitError implements PythonExceptionInfo {
  readonly code = "PYTHON_EXCEPTION";
  readonly pythonType: string;
  readonly pythonModule: string;
  readonly pythonMessage: string;
  readonly traceback: string;
  readonly target: string;

  constructor(info: PythonExceptionInfo, options?: ErrorOptions) {
    super(`${info.target} raised ${qualified(info)}: ${info.pythonMessage}${info.traceback ? `\n\nPython traceback:\n${info.traceback}` : ""}`, options);
    this.pythonType = info.pythonType;
    this.pythonModule = info.pythonModule;
    this.pythonMessage = info.pythonMessage;
    this.traceback = info.traceback;
    this.target = info.target;
  }

  /** "numpy.linalg.LinAlgError", or just "ValueError" for builtins. */
  get qualifiedType(): string {
    return qualified(this);
  }
}

function qualified(info: Pick<PythonExceptionInfo, "pythonModule" | "pythonType">): string {
  return info.pythonModule && info.pythonModule !== "builtins" ? `${info.pythonModule}.${info.pythonType}` : info.pythonType;
}
