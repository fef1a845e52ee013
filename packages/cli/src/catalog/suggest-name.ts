import { closestName } from "@snakepit/core";

/**
 * "Did you mean" for a misspelled name. Core's `closestName` measures plain
 * edit distance, where a swap of two letters ("medain") costs as much as
 * two deletions ("mean"); so candidates with the same letters are offered
 * first, and a pure transposition ("nrom" → "norm") is accepted even where
 * the distance would be too far for a short name.
 */
export function suggestName(name: string, candidates: readonly string[]): string | undefined {
  const letters = sortedLetters(name);
  const sameLetters = candidates.filter((candidate) => sortedLetters(candidate) === letters);
  const ordered = [...sameLetters, ...candidates.filter((candidate) => !sameLetters.includes(candidate)).sort((left, right) => Math.abs(left.length - name.length) - Math.abs(right.length - name.length))];
  return closestName(name, ordered) ?? sameLetters[0];
}

function sortedLetters(text: string): string {
  return [...text.toLowerCase()].sort().join("");
}
