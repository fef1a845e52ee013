import { describe, expect, test } from "vitest";
import { docstringExamples } from "../src/index.js";
import { formatSignature } from "../src/shared/format-signature.js";

describe("docstringExamples", () => {
  test("takes the numpydoc Examples section whole, up to the next section", () => {
    const doc = "Compute things.\n\nExamples\n--------\nA simple case:\n\n>>> f(1)\n2\n\nSee Also\n--------\ng : the other one.";
    expect(docstringExamples(doc)).toEqual(["A simple case:\n\n>>> f(1)\n2"]);
  });

  test("otherwise takes each doctest session with continuations and output, dedented", () => {
    const doc = "Sum.\n\n    >>> total = add(\n    ...     1, 2)\n    >>> total\n    3\n\nText.\n\n>>> add(0, 0)\n0";
    expect(docstringExamples(doc)).toEqual([">>> total = add(\n...     1, 2)\n>>> total\n3", ">>> add(0, 0)\n0"]);
  });

  test("returns nothing for a docstring without examples, and caps count and length", () => {
    expect(docstringExamples("Just prose.")).toEqual([]);
    expect(docstringExamples(undefined)).toEqual([]);
    const many = Array.from({ length: 5 }, (_, index) => `>>> f(${index})\n${"x".repeat(100)}`).join("\n\n");
    const examples = docstringExamples(many, { limit: 2, maxLength: 40 });
    expect(examples).toHaveLength(2);
    expect(examples[0]).toMatch(/\n\.\.\.$/);
  });
});

describe("formatSignature", () => {
  test("writes Python's markers for positional-only, keyword-only and variadic parameters", () => {
    expect(formatSignature([
      { name: "x", kind: "positional_only" }, { name: "y", kind: "positional_or_keyword", default: "2" },
      { name: "args", kind: "var_positional" }, { name: "method", kind: "keyword_only", default: "'linear'", annotation: "str" },
      { name: "options", kind: "var_keyword" },
    ], "float")).toBe("(x, /, y=2, *args, method: str = 'linear', **options) -> float");
    expect(formatSignature([{ name: "n", kind: "keyword_only", default: "4" }])).toBe("(*, n=4)");
    expect(formatSignature(undefined)).toBe("(...)");
  });
});
