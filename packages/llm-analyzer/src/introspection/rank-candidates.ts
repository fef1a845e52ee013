import type { ApiCandidate } from "./api-candidate.js";

/**
 * Orders candidates by how likely a user wants them, best first. The signals
 * are the ones the package author gave: `__all__`, a docstring, a place at
 * the top level. Exceptions and deprecated names sink: nobody calls them.
 * Ties keep the module's own order, which authors tend to make meaningful.
 */
export function rankCandidates(candidates: readonly ApiCandidate[]): ApiCandidate[] {
  return candidates
    .map((candidate, index) => ({ candidate, index, score: scoreOf(candidate) }))
    .sort((left, right) => right.score - left.score || left.index - right.index)
    .map(({ candidate }) => candidate);
}

function scoreOf(candidate: ApiCandidate): number {
  const shortName = candidate.name.split(".").pop() ?? candidate.name;
  let score = 0;
  if (candidate.exported) score += 3;
  if (candidate.summary) score += 2;
  if (candidate.depth === 0) score += 1;
  if (candidate.kind === "class" && /(Error|Exception|Warning)$/.test(shortName)) score -= 6;
  if (/deprecated/i.test(candidate.summary ?? "") || /deprecated/i.test(shortName)) score -= 4;
  return score;
}
