import { pythonException } from "./python-exception.js";

/** fractions.Fraction: an object with data attributes, read through getattr on a ref. */
export class Fraction {
  readonly numerator: number;
  readonly denominator: number;

  constructor(numerator: number, denominator = 1) {
    if (denominator === 0) throw pythonException("ZeroDivisionError", `Fraction(${numerator}, 0)`);
    const divisor = greatestCommonDivisor(Math.abs(numerator), Math.abs(denominator)) * Math.sign(denominator);
    this.numerator = numerator / divisor;
    this.denominator = denominator / divisor;
  }
}

function greatestCommonDivisor(left: number, right: number): number {
  return right === 0 ? left : greatestCommonDivisor(right, left % right);
}
