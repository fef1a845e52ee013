import type OpenAI from "openai";
import type { PackageMetadataSource } from "./package-metadata-source.js";

/** Model used when none is given; any chat model with JSON output will do. */
export const defaultModel = "gpt-4.1-mini";

export interface LlmCatalogGeneratorOptions {
  /** Chat model name as the endpoint knows it. Default `defaultModel`. */
  readonly model?: string;
  /** Base URL of any OpenAI-compatible endpoint ("http://localhost:11434/v1" for Ollama). Default: OpenAI's. */
  readonly baseURL?: string;
  /** The key itself; wins over `apiKeyEnv`. */
  readonly apiKey?: string;
  /** Environment variable holding the key. Default "OPENAI_API_KEY". */
  readonly apiKeyEnv?: string;
  /** A ready client (custom fetch, proxy, Azure); then baseURL and the key options are not used. */
  readonly client?: OpenAI;
  /** Model replies tried before giving up with a CatalogError, each retry told what was wrong. Default 3. */
  readonly maxAttempts?: number;
  /** Deadline of one model request in milliseconds. Default 120 000. */
  readonly timeoutMs?: number;
  /**
   * "json_schema" (strict structured output, default) or "json_object" for
   * endpoints that only know JSON mode; the reply is validated either way.
   */
  readonly responseFormat?: "json_schema" | "json_object";
  /** Sampling temperature; not sent when absent (some reasoning models refuse it). */
  readonly temperature?: number;
  /** README, summary and stubs of the installed package. */
  readonly metadata?: PackageMetadataSource;
  /** Bound on functions + classes when the request sets none. Default 25. */
  readonly defaultMaxEntries?: number;
  /** Budgets in characters of what is sent: the whole API summary, one docstring, the README, the stubs. */
  readonly budgets?: Partial<PromptBudgets>;
  /** Environment to read the key from. Default `process.env`. */
  readonly environment?: Readonly<Record<string, string | undefined>>;
  /** Clock for `generatedBy.at` (tests pin it). */
  readonly now?: () => Date;
}

/** How much of the installed package the prompt may carry, in characters. */
export interface PromptBudgets {
  /** Functions and classes described in the summary at most. */
  readonly candidates: number;
  readonly summary: number;
  readonly docstring: number;
  readonly readme: number;
  readonly stubs: number;
}

export const defaultBudgets: PromptBudgets = { candidates: 80, summary: 24_000, docstring: 500, readme: 4_000, stubs: 6_000 };
