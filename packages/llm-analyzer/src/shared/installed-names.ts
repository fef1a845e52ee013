import { NotFoundError, type CatalogGenerationRequest, type Description } from "@snakepit/core";
import { signalOption } from "./abort.js";

/**
 * Asks the introspector about names relative to the library's module, once
 * each. "Not found" is an answer (undefined), not an error: a model naming
 * something that does not exist is the expected case being checked for.
 */
export class InstalledNames {
  readonly #request: CatalogGenerationRequest;
  readonly #answers = new Map<string, Promise<Description | undefined>>();

  constructor(request: CatalogGenerationRequest) {
    this.#request = request;
  }

  /** The description of `module.name`, or undefined when it does not resolve. */
  lookUp(name: string): Promise<Description | undefined> {
    let answer = this.#answers.get(name);
    if (!answer) {
      answer = this.#describe(name);
      this.#answers.set(name, answer);
    }
    return answer;
  }

  async #describe(name: string): Promise<Description | undefined> {
    try {
      return await this.#request.introspector.describe(`${this.#request.module}.${name}`, signalOption(this.#request.signal));
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }
}
