import type OpenAI from "openai";
import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionMessageParam } from "openai/resources/chat/completions";
import { CancelledError, CatalogError } from "@snakepit/core";
import { openaiSdk } from "./openai-sdk.js";
import { catalogReplyJsonSchema } from "./reply-schema.js";

/** One reply of the model: its text, or why there is none. */
export interface ModelReply {
  readonly content: string;
  /** Why the reply cannot be used as it is, when the endpoint says (refusal, cut off at the token limit). */
  readonly problem?: string;
}

export interface ChatEndpointOptions {
  readonly model: string;
  readonly responseFormat: "json_schema" | "json_object";
  readonly timeoutMs: number;
  readonly temperature?: number;
}

/**
 * One chat-completions request through the openai SDK, with the SDK's errors
 * turned into Snakepit's: an abort is a CancelledError; anything else the
 * endpoint does is a CatalogError saying what to check.
 */
export class ChatEndpoint {
  readonly #client: OpenAI;
  readonly #options: ChatEndpointOptions;

  constructor(client: OpenAI, options: ChatEndpointOptions) {
    this.#client = client;
    this.#options = options;
  }

  /** Where requests go, for messages. */
  get description(): string {
    return `model ${this.#options.model} at ${this.#client.baseURL}`;
  }

  async complete(messages: readonly ChatCompletionMessageParam[], signal: AbortSignal | undefined, target: string): Promise<ModelReply> {
    const body: ChatCompletionCreateParamsNonStreaming = {
      model: this.#options.model,
      messages: [...messages],
      response_format: this.#options.responseFormat === "json_schema"
        ? { type: "json_schema", json_schema: { name: "snakepit_catalog_draft", strict: true, schema: catalogReplyJsonSchema } }
        : { type: "json_object" },
      ...(this.#options.temperature !== undefined ? { temperature: this.#options.temperature } : {}),
    };
    try {
      const completion = await this.#client.chat.completions.create(body, { timeout: this.#options.timeoutMs, ...(signal ? { signal } : {}) });
      const choice = completion.choices[0];
      const content = choice?.message.content ?? "";
      if (!choice) return { content, problem: "The reply had no choices." };
      if (choice.message.refusal) return { content, problem: `The model refused: ${choice.message.refusal}` };
      if (choice.finish_reason === "length") return { content, problem: "The reply was cut off at the token limit; propose fewer entries and keep notes short." };
      return { content };
    } catch (error) {
      throw this.#translate(error, target);
    }
  }

  #translate(error: unknown, target: string): Error {
    const { APIConnectionError, APIError, APIUserAbortError, AuthenticationError, NotFoundError: ModelNotFoundError } = openaiSdk();
    if (error instanceof APIUserAbortError) return new CancelledError(target, "the signal was aborted", { cause: error });
    const where = this.description;
    if (error instanceof AuthenticationError) return new CatalogError(`The endpoint refused the API key (401) for ${where}. Check the key in the environment variable you configured, or use the introspection generator.`, [], { cause: error });
    if (error instanceof ModelNotFoundError) return new CatalogError(`The endpoint does not know the ${where} (404). Check the model name and that baseURL ends where the OpenAI-compatible API starts (usually "/v1").`, [], { cause: error });
    if (error instanceof APIConnectionError) return new CatalogError(`Could not reach ${where}: ${error.message.replace(/\.$/, "")}. Check baseURL and the network, raise timeoutMs, or use the introspection generator offline.`, [], { cause: error });
    if (error instanceof APIError) return new CatalogError(`The ${where} answered with an error${error.status ? ` (${error.status})` : ""}: ${error.message.replace(/\.$/, "")}. If it does not support structured output, set responseFormat: "json_object".`, [], { cause: error });
    return error instanceof Error ? error : new Error(String(error));
  }
}
