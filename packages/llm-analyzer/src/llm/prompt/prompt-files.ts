import { readdir, readFile } from "node:fs/promises";
import { catalogReplySchema } from "../reply-schema.js";

/** One worked example shown to the model before the real request. */
export interface FewShotExample {
  /** File name, for error messages. */
  readonly file: string;
  readonly user: string;
  /** The ideal reply, as JSON text. */
  readonly assistant: string;
}

/** The prompt text, kept in files (packages/llm-analyzer/prompts) so it can be tuned without touching code. */
export interface PromptFiles {
  readonly system: string;
  /** Template of the request; placeholders look like {{summary}}. */
  readonly request: string;
  /** Template of the follow-up after an invalid reply; {{problems}}. */
  readonly retry: string;
  readonly fewShot: readonly FewShotExample[];
}

/** Same depth below the package root from src/llm/prompt and dist/llm/prompt, so one URL serves tests and the build. */
export const defaultPromptsDirectory = new URL("../../../prompts/", import.meta.url);

const cache = new Map<string, Promise<PromptFiles>>();

/** Reads (once per process and folder) the system prompt, templates and few-shot examples. */
export function loadPromptFiles(directory: URL = defaultPromptsDirectory): Promise<PromptFiles> {
  let loaded = cache.get(directory.href);
  if (!loaded) {
    loaded = readPromptFiles(directory);
    cache.set(directory.href, loaded);
    loaded.catch(() => cache.delete(directory.href));
  }
  return loaded;
}

async function readPromptFiles(directory: URL): Promise<PromptFiles> {
  const read = (name: string) => readFile(new URL(name, directory), "utf8");
  const fewShotDirectory = new URL("few-shot/", directory);
  const names = (await readdir(fewShotDirectory)).filter((name) => name.endsWith(".md")).sort();
  const fewShot = await Promise.all(names.map(async (name) => parseFewShot(name, await readFile(new URL(name, fewShotDirectory), "utf8"))));
  return { system: (await read("system.md")).trim(), request: (await read("request.md")).trim(), retry: (await read("retry.md")).trim(), fewShot };
}

/**
 * A few-shot file has two parts, after `<!-- user -->` and `<!-- assistant -->`
 * markers; the assistant part is a ```json block that must itself satisfy the
 * reply schema, or the model would learn a shape we then reject.
 */
export function parseFewShot(file: string, text: string): FewShotExample {
  const match = /<!--\s*user\s*-->([\s\S]*?)<!--\s*assistant\s*-->([\s\S]*)$/.exec(text);
  const json = match ? /```json\s*\n([\s\S]*?)\n```/.exec(match[2] ?? "") : null;
  if (!match || !json) throw new Error(`Few-shot file ${file} must contain "<!-- user -->", then "<!-- assistant -->" followed by a \`\`\`json block.`);
  const parsed = catalogReplySchema.safeParse(JSON.parse(json[1] ?? ""));
  if (!parsed.success) throw new Error(`The reply in few-shot file ${file} does not match the reply schema: ${parsed.error.message}`);
  return { file, user: (match[1] ?? "").trim(), assistant: JSON.stringify(parsed.data, null, 2) };
}

/** Replaces {{name}} placeholders; a placeholder without a value is a bug in the prompt files, reported as such. */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_whole, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`Prompt template placeholder {{${key}}} has no value; known: ${Object.keys(values).join(", ")}.`);
    return value;
  });
}
