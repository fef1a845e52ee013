import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import { fillTemplate, type PromptFiles } from "./prompt-files.js";

/**
 * The chat so far. Retries append the invalid reply and the list of problems
 * rather than starting over: the model sees what it said and what was wrong,
 * which fixes a reply far more often than asking again.
 */
export class Conversation {
  readonly #messages: ChatCompletionMessageParam[];
  readonly #files: PromptFiles;

  constructor(files: PromptFiles, request: string) {
    this.#files = files;
    this.#messages = [
      { role: "system", content: files.system },
      ...files.fewShot.flatMap((example): ChatCompletionMessageParam[] => [
        { role: "user", content: example.user },
        { role: "assistant", content: example.assistant },
      ]),
      { role: "user", content: request },
    ];
  }

  get messages(): readonly ChatCompletionMessageParam[] {
    return this.#messages;
  }

  /** Records an invalid reply and asks for a corrected one. */
  addFeedback(previousReply: string, problems: readonly string[]): void {
    this.#messages.push(
      { role: "assistant", content: previousReply.length > 0 ? previousReply : "(empty reply)" },
      { role: "user", content: fillTemplate(this.#files.retry, { problems: problems.map((problem) => `- ${problem}`).join("\n") }) },
    );
  }
}
