import type { ApiCandidate } from "./api-candidate.js";

/** Housekeeping names every large package has and no program calls for its work. */
const housekeeping = /^(show_versions|get_config|set_config|config_context|test|print_config)$|version/i;

/**
 * Orders candidates by how likely a user wants them, best first. The signals
 * are the ones the package author gave: `__all__`, a docstring, a place at
 * the top level. Exceptions, deprecated and housekeeping names sink: nobody
 * calls them for work. Within a score, each module's first name comes before
 * any module's second, so a bound keeps the draft broad rather than filling
 * it from the first submodule; ties keep the module's own order.
 */
export function rankCandidates(candidates: readonly ApiCandidate[]): ApiCandidate[] {
  const seenPerModule = new Map<string, number>();
  return candidates
    .map((candidate, index) => {
      const module = moduleOf(candidate);
      const positionInModule = seenPerModule.get(module) ?? 0;
      seenPerModule.set(module, positionInModule + 1);
      return { candidate, index, positionInModule, score: scoreOf(candidate) };
    })
    .sort((left, right) => right.score - left.score || left.positionInModule - right.positionInModule || left.index - right.index)
    .map(({ candidate }) => candidate);
}

/** Whether a candidate is, by its name, an exception or warning class. */
export function looksLikeException(candidate: ApiCandidate): boolean {
  return candidate.kind === "class" && /(Error|Exception|Warning)$/.test(shortName(candidate));
}

function scoreOf(candidate: ApiCandidate): number {
  let score = 0;
  if (candidate.exported) score += 3;
  if (candidate.summary) score += 2;
  if (candidate.depth === 0) score += 1;
  if (looksLikeException(candidate)) score -= 6;
  if (/deprecated/i.test(candidate.summary ?? "") || /deprecated/i.test(shortName(candidate))) score -= 4;
  if (housekeeping.test(shortName(candidate))) score -= 3;
  return score;
}

function shortName(candidate: ApiCandidate): string {
  return candidate.name.split(".").pop() ?? candidate.name;
}

function moduleOf(candidate: ApiCandidate): string {
  return candidate.depth === 0 ? "" : (candidate.name.split(".")[0] ?? "");
}
