/**
 * A push-based async iterable: the Session stream's request side for
 * Connect, which takes its outgoing messages as an AsyncIterable. Frames are
 * pushed by the multiplexer and pulled by Connect as it writes them. An
 * async generator gives the full iterator protocol (Connect calls `throw`
 * and `return` when the call ends).
 */
export class FrameQueue<T> implements AsyncIterable<T> {
  #items: T[] = [];
  #wake: (() => void) | undefined;
  #ended = false;

  push(item: T): void {
    if (this.#ended) return;
    this.#items.push(item);
    this.#wakeReader();
  }

  /** Ends the iteration once the queued items are taken. */
  end(): void {
    this.#ended = true;
    this.#wakeReader();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    try {
      for (;;) {
        if (this.#items.length > 0) {
          const items = this.#items;
          this.#items = [];
          yield* items;
        } else if (this.#ended) {
          return;
        } else {
          await new Promise<void>((resolve) => {
            this.#wake = resolve;
          });
        }
      }
    } finally {
      this.#ended = true;
      this.#items = [];
    }
  }

  #wakeReader(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
