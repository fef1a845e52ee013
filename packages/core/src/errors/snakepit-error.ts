/**
 * Base of every error Snakepit throws. `code` is stable for programs to
 * branch on; the message says what happened and what to do about it.
 */
export abstract class SnakepitError extends Error {
  abstract readonly code: string;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}
