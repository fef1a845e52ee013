import type { Description, Introspector, Transport } from "@snakepit/core";

/**
 * The Introspector port over any Transport: asks a worker to describe the
 * object, and remembers answers (an installed library does not change while
 * the process runs).
 */
export class TransportIntrospector implements Introspector {
  readonly #answers = new Map<string, Promise<Description>>();

  constructor(private readonly transport: Transport) {}

  describe(target: string, options: { readonly members?: boolean; readonly signal?: AbortSignal } = {}): Promise<Description> {
    const key = `${target}\u0000${options.members ? "members" : ""}`;
    let answer = this.#answers.get(key);
    if (!answer) {
      answer = this.transport.describe(target, options);
      answer.catch(() => this.#answers.delete(key));
      this.#answers.set(key, answer);
    }
    return answer;
  }
}
