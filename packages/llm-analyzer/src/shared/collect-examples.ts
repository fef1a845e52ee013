import type { Description } from "@snakepit/core";
import { docstringExamples } from "./docstring-examples.js";

/**
 * The examples map of a draft: for every kept entry (and every method of a
 * kept class), the examples its docstring holds. Entries without any are
 * left out of the map.
 */
export function collectExamples(described: ReadonlyMap<string, Description>, keptMethods?: ReadonlyMap<string, readonly string[]>): Record<string, readonly string[]> {
  const examples: Record<string, readonly string[]> = {};
  const add = (name: string, doc: string | undefined) => {
    const found = docstringExamples(doc);
    if (found.length > 0) examples[name] = found;
  };
  for (const [name, description] of described) {
    add(name, description.doc);
    if (description.kind !== "class") continue;
    const methods = keptMethods?.get(name);
    for (const method of description.methods) {
      if (!method.name.startsWith("_") && (!methods || methods.includes(method.name))) add(`${name}.${method.name}`, method.doc);
    }
  }
  return examples;
}
