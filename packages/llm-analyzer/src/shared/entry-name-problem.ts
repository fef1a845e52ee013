import { dottedPathProblem } from "@snakepit/core";

/** Why `name` cannot be a catalog entry (invalid or private), or undefined when it can. */
export function entryNameProblem(name: string): string | undefined {
  const problem = dottedPathProblem(name);
  if (problem) return problem;
  if (name.split(".").some((part) => part.startsWith("_"))) return "it is private (a part starts with _)";
  return undefined;
}
