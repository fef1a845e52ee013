import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A chat message as the SDK sends it. */
export interface RecordedMessage {
  readonly role: string;
  readonly content: string;
}

/** One request the server received, parsed. */
export interface RecordedChatRequest {
  readonly path: string;
  readonly authorization: string | undefined;
  readonly model: string;
  readonly messages: readonly RecordedMessage[];
  readonly responseFormat: unknown;
  readonly body: Record<string, unknown>;
}

/** What the server answers: the assistant's text, a raw HTTP error, or nothing at all (a model that never finishes). */
export type ScriptedReply = string | { readonly status: number; readonly error: string } | { readonly hang: true };

/** The script: a list played in order, or a function of the request. */
export type ChatScript = readonly ScriptedReply[] | ((request: RecordedChatRequest, index: number) => ScriptedReply);

/**
 * A real HTTP server on 127.0.0.1 speaking the chat-completions API
 * (POST /v1/chat/completions → a chat.completion object), answering from a
 * script and recording every request, so tests run the real openai SDK end
 * to end and can assert what it sent (the retry's error feedback included).
 *
 * @example
 * const server = await ScriptedChatServer.start(["{\"functions\": []}"]);
 * new OpenAI({ baseURL: server.baseURL, apiKey: "test" });
 */
export class ScriptedChatServer {
  readonly requests: RecordedChatRequest[] = [];
  readonly #server: Server;
  readonly #script: ChatScript;

  private constructor(script: ChatScript) {
    this.#script = script;
    this.#server = createServer((request, response) => {
      this.#handle(request, response).catch((error: unknown) => send(response, 500, { error: { message: String(error), type: "server_error" } }));
    });
  }

  static async start(script: ChatScript): Promise<ScriptedChatServer> {
    const server = new ScriptedChatServer(script);
    await new Promise<void>((resolve) => server.#server.listen(0, "127.0.0.1", resolve));
    return server;
  }

  /** The `baseURL` to give the SDK. */
  get baseURL(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/v1`;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.#server.close((error) => (error ? reject(error) : resolve())));
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== "POST" || request.url !== "/v1/chat/completions") {
      send(response, 404, { error: { message: `No route ${request.method} ${request.url}; this server only speaks POST /v1/chat/completions.`, type: "invalid_request_error" } });
      return;
    }
    const body = JSON.parse(await readBody(request)) as Record<string, unknown>;
    const recorded: RecordedChatRequest = {
      path: request.url,
      authorization: request.headers.authorization,
      model: String(body.model),
      messages: (body.messages as RecordedMessage[]).map(({ role, content }) => ({ role, content })),
      responseFormat: body.response_format,
      body,
    };
    const index = this.requests.push(recorded) - 1;
    const reply = typeof this.#script === "function" ? this.#script(recorded, index) : this.#script[index];
    // 400, not 500: the SDK would retry a 5xx and hide the real problem, a script too short.
    if (reply === undefined) send(response, 400, { error: { message: `The script has ${index} replies and request ${index + 1} came in.`, type: "invalid_request_error" } });
    else if (typeof reply === "string") send(response, 200, completion(recorded.model, reply, index));
    else if ("hang" in reply) return;
    else send(response, reply.status, { error: { message: reply.error, type: "invalid_request_error" } });
  }
}

function completion(model: string, content: string, index: number): Record<string, unknown> {
  return {
    id: `chatcmpl-scripted-${index}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: "assistant", content, refusal: null }, finish_reason: "stop", logprobs: null }],
    usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
  };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
