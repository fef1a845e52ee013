/**
 * Cuts text to a character budget at a line break when one is near, and says
 * so, so the model knows the text goes on.
 */
export function trimText(text: string, budget: number): string {
  const clean = text.trim();
  if (clean.length <= budget) return clean;
  const cut = clean.slice(0, budget);
  const lastBreak = cut.lastIndexOf("\n");
  return `${(lastBreak > budget * 0.6 ? cut.slice(0, lastBreak) : cut).trimEnd()}\n[… trimmed]`;
}
