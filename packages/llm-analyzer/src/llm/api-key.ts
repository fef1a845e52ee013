import { MissingApiKeyError } from "./missing-api-key-error.js";

/** The key to send: `apiKey` if given, else the configured environment variable; throws MissingApiKeyError when neither has one. */
export function resolveApiKey(options: { readonly apiKey?: string; readonly apiKeyEnv?: string; readonly environment?: Readonly<Record<string, string | undefined>> }): string {
  if (options.apiKey) return options.apiKey;
  const variable = options.apiKeyEnv ?? "OPENAI_API_KEY";
  const value = (options.environment ?? process.env)[variable];
  if (!value) throw new MissingApiKeyError(variable);
  return value;
}
