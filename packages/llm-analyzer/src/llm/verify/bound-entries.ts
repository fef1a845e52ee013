import type { ClassEntry, FunctionEntry } from "@snakepit/core";
import { entryName } from "./verified-reply.js";

/**
 * Keeps at most `maxEntries` functions + classes, taking from both lists in
 * turn (each in the model's order of preference) so a bound never silently
 * removes a whole kind. Says what was cut.
 */
export function boundEntries(functions: readonly FunctionEntry[], classes: readonly ClassEntry[], maxEntries: number, warnings: string[]): { functions: FunctionEntry[]; classes: ClassEntry[] } {
  if (functions.length + classes.length <= maxEntries) return { functions: [...functions], classes: [...classes] };
  const kept = { functions: [] as FunctionEntry[], classes: [] as ClassEntry[] };
  for (let index = 0; kept.functions.length + kept.classes.length < maxEntries; index++) {
    const nextFunction = functions[index];
    if (nextFunction !== undefined) kept.functions.push(nextFunction);
    const nextClass = classes[index];
    if (nextClass !== undefined && kept.functions.length + kept.classes.length < maxEntries) kept.classes.push(nextClass);
  }
  const cut = [...functions.slice(kept.functions.length), ...classes.slice(kept.classes.length)].map(entryName);
  warnings.push(`maxEntries is ${maxEntries}: ${cut.length} more valid names were left out (${cut.join(", ")}).`);
  return kept;
}
