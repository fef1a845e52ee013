import { pythonException } from "./python-exception.js";

/**
 * types.SimpleNamespace: built from keyword arguments only, with attributes
 * that can be assigned (setattr) and read back (getattr) through a ref.
 */
export class SimpleNamespace {
  [attribute: string]: unknown;

  constructor(keywords: Readonly<Record<string, unknown>> = {}, ...rest: unknown[]) {
    if (rest.length || Object.getPrototypeOf(keywords) !== Object.prototype) {
      throw pythonException("TypeError", "SimpleNamespace() takes no positional arguments");
    }
    Object.assign(this, keywords);
  }
}
