/** A Python dotted path: identifiers separated by dots, no dunders, no path tricks. */
const dottedPath = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** Why `path` is not a usable dotted path, or undefined when it is. */
export function dottedPathProblem(path: string): string | undefined {
  if (path.length === 0) return "it is empty";
  if (path.includes("/") || path.includes("\\")) return "it contains a slash: use dots between Python names (\"numpy.linalg.norm\")";
  if (!dottedPath.test(path)) return "it is not Python names separated by dots (letters, digits and _ only, not starting with a digit)";
  if (path.split(".").some((part) => part.startsWith("__"))) return "it walks a dunder attribute, which Snakepit never calls";
  return undefined;
}
