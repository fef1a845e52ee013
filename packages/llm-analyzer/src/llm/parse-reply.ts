import { catalogReplySchema, type CatalogReply } from "./reply-schema.js";

export type ParsedReply = { readonly ok: true; readonly reply: CatalogReply } | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Reads the model's text as a catalog reply. Code fences are tolerated
 * (JSON-mode endpoints add them); anything else wrong is described in words
 * the model can act on, because these problems are sent back to it.
 */
export function parseReply(content: string): ParsedReply {
  const text = withoutCodeFence(content.trim());
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`The reply is not valid JSON (${(error as Error).message}). Reply with one JSON object and nothing else.`] };
  }
  const parsed = catalogReplySchema.safeParse(value);
  if (parsed.success) return { ok: true, reply: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => `At ${issue.path.length ? issue.path.join(".") : "the top level"}: ${issue.message}.`),
  };
}

function withoutCodeFence(text: string): string {
  const fenced = /^```(?:json)?\s*\n([\s\S]*?)\n```$/.exec(text);
  return fenced ? (fenced[1] ?? "") : text;
}
