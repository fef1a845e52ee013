import { createInterface } from "node:readline/promises";

/**
 * Asks the person at the terminal. An interface so that commands never read
 * stdin themselves: tests answer with a stand-in, and without a terminal
 * (CI, pipes) a command knows nobody can answer and asks for `--yes` instead.
 */
export interface Prompt {
  /** Whether someone can answer: stdin and stdout are terminals. */
  readonly interactive: boolean;
  /** Asks a yes/no question; anything but "y" or "yes" is no. */
  confirm(question: string, options?: { readonly signal?: AbortSignal }): Promise<boolean>;
}

/** The real terminal: asks on stderr (stdout may be piped), reads one line of stdin. */
export const terminalPrompt: Prompt = {
  get interactive() {
    return Boolean(process.stdin.isTTY && process.stdout.isTTY);
  },
  async confirm(question, options = {}) {
    const reader = createInterface({ input: process.stdin, output: process.stderr });
    try {
      const answer = await reader.question(`${question} `, options.signal ? { signal: options.signal } : {});
      return /^y(es)?$/i.test(answer.trim());
    } finally {
      reader.close();
    }
  },
};
