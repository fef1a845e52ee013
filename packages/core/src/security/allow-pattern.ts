/**
 * A grant or refusal pattern: `*` matches any run of characters (dots
 * included), everything else is literal. The worker (python/snakepit_bridge/policy.py)
 * reads patterns the same way; change both or neither.
 *
 * @example
 * allowPattern("numpy.*").test("numpy.linalg.norm"); // true
 */
export function allowPattern(pattern: string): RegExp {
  return new RegExp(`^${pattern.split("*").map(escapeRegExp).join(".*")}$`);
}

/** An exact pattern names one path; only exact grants lift the always-refused list. */
export function isExactPattern(pattern: string): boolean {
  return !pattern.includes("*");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
