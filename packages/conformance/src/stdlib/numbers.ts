import { tuple, type PyTuple } from "@snakepit/core";
import { pythonException, pythonTypeName } from "./python-exception.js";

function requireNumber(value: unknown, what: string): number {
  if (typeof value !== "number") throw pythonException("TypeError", `${what} must be real number, not ${pythonTypeName(value)}`);
  return value;
}

/** math.sqrt: ValueError below zero, like CPython. */
export function sqrt(value: unknown): number {
  const number = requireNumber(value, "argument");
  if (number < 0) throw pythonException("ValueError", "math domain error");
  return Math.sqrt(number);
}

/** operator.add for numbers, strings, lists and tuples (tuple + tuple stays a tuple). */
export function add(left: unknown, right: unknown): unknown {
  if (typeof left === "number" && typeof right === "number") return left + right;
  if (typeof left === "bigint" && typeof right === "bigint") return left + right;
  if (typeof left === "string" && typeof right === "string") return left + right;
  if (Array.isArray(left) && Array.isArray(right) && left.constructor === right.constructor) {
    return left.constructor === Array ? [...left, ...right] : tuple(...left, ...right);
  }
  throw pythonException("TypeError", `unsupported operand type(s) for +: '${pythonTypeName(left)}' and '${pythonTypeName(right)}'`);
}

/** statistics.mean over a list of numbers. */
export function mean(data: unknown): number {
  const values = [...(data as Iterable<unknown>)].map((value) => requireNumber(value, "data point"));
  if (values.length === 0) throw pythonException("StatisticsError", "mean requires at least one data point");
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** builtins.divmod with Python's floor semantics; returns a tuple, as CPython does. */
export function divmod(dividend: unknown, divisor: unknown): PyTuple<number> {
  const left = requireNumber(dividend, "dividend");
  const right = requireNumber(divisor, "divisor");
  if (right === 0) throw pythonException("ZeroDivisionError", "integer division or modulo by zero");
  const quotient = Math.floor(left / right);
  return tuple(quotient, left - quotient * right);
}
