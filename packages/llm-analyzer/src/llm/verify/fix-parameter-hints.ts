import { closestName, type ParameterDescription, type TypeHints } from "@snakepit/core";
import type { TypeHintsReply } from "../reply-schema.js";

/**
 * Checks the model's type hints against the real signature. A hint for a
 * parameter that does not exist is renamed to the real parameter it plainly
 * meant ("y_predicted" → "y_pred"), or dropped when none fits; either way a
 * warning says so. Hints never invent parameters: code generation trusts them.
 */
export function fixParameterHints(owner: string, hints: TypeHintsReply | null, parameters: readonly ParameterDescription[] | undefined, warnings: string[]): TypeHints | undefined {
  if (!hints) return undefined;
  const params: Record<string, string> = {};
  const real = parameters?.map((parameter) => parameter.name);
  for (const hint of hints.params) {
    const name = hint.name.replace(/^\*+/, "");
    if (!real || real.includes(name)) {
      params[name] = hint.type;
      continue;
    }
    const match = matchParameter(name, real.filter((candidate) => !(candidate in params) && !hints.params.some((other) => other.name === candidate)));
    const signature = real.join(", ");
    if (match) {
      params[match] = hint.type;
      warnings.push(`${owner}: parameter "${hint.name}" does not exist; its type hint now applies to "${match}" (signature: ${signature}).`);
    } else {
      warnings.push(`${owner}: parameter "${hint.name}" does not exist and matches none of (${signature}); its type hint was dropped.`);
    }
  }
  if (!real && hints.params.length > 0) warnings.push(`${owner}: introspection has no signature for it, so its parameter hints could not be checked.`);
  const fixed: TypeHints = { ...(Object.keys(params).length ? { params } : {}), ...(hints.returns ? { returns: hints.returns } : {}) };
  return fixed.params || fixed.returns ? fixed : undefined;
}

/**
 * The real parameter a wrong name means: the same name in another spelling,
 * then the only name that is a prefix of it or has it as prefix, then a
 * near typo. Ambiguous guesses are refused.
 */
function matchParameter(name: string, candidates: readonly string[]): string | undefined {
  const normalize = (text: string) => text.toLowerCase().replace(/_/g, "");
  const spelled = candidates.filter((candidate) => normalize(candidate) === normalize(name));
  if (spelled.length === 1) return spelled[0];
  const prefixed = candidates.filter((candidate) => candidate.length >= 3 && name.length >= 3 && (name.startsWith(candidate) || candidate.startsWith(name)));
  if (prefixed.length === 1) return prefixed[0];
  return closestName(name, candidates);
}
