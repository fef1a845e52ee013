import { unionOf } from "./type-mapping.js";

const words: Readonly<Record<string, string>> = {
  int: "number", integer: "number", float: "number", number: "number", bool: "boolean", boolean: "boolean",
  str: "string", string: "string", none: "null", array_like: "ArrayInput", "array-like": "ArrayInput",
  ndarray: "ArrayInput", "tuple of ints": "readonly number[]", "tuple of int": "readonly number[]",
  "list of str": "readonly string[]", "list of int": "readonly number[]", "list of float": "readonly number[]",
  "list of ints": "readonly number[]", "list of floats": "readonly number[]", dict: "Record<string, unknown>",
};

/**
 * The TS type of a parameter from its numpydoc type text ("None or int or
 * tuple of ints, optional", "bool, default=True", '{"gini", "entropy"}'),
 * for the many libraries (numpy, scikit-learn) that document types instead
 * of annotating them. Commits only when every alternative is understood;
 * otherwise `unknown`, so a docstring's looseness never rejects a valid call.
 */
export function tsTypeFromDocstring(typeText: string | undefined): string {
  if (!typeText) return "unknown";
  const text = typeText
    .replace(/,?\s*(optional|default[:=]?\s*.*)$/i, "")
    .replace(/,?\s*optional\b/i, "")
    .trim();
  if (!text) return "unknown";
  const choices = /^\{([^}]*)\}$/.exec(text);
  if (choices) {
    const literals = (choices[1] ?? "").split(",").map((choice) => choice.trim());
    return literals.every((literal) => /^(['"]).*\1$/.test(literal)) ? unionOf(literals.map((literal) => JSON.stringify(literal.slice(1, -1)))) : "unknown";
  }
  const alternatives = text.split(/\s+or\s+|\s*\|\s*|,\s*/).map((alternative) => alternative.trim().toLowerCase()).filter(Boolean);
  return unionOf(alternatives.map((alternative) => words[alternative] ?? "unknown"));
}
