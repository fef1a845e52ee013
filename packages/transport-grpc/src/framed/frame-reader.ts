/**
 * Splits the bytes of a fast-lane socket into its length-prefixed messages
 * (uint32 little endian, then the message), deciding where each read lands.
 *
 * Reads go to one reused scratch buffer; the messages that arrive whole in
 * it are copied out (small: Node's buffer pool). A message that does not
 * fit what has arrived gets its own memory at once, and the kernel reads
 * the rest of it straight there: no buffer per read, no join at the end.
 *
 * Why: with the socket's "data" events an 8 MB result (a 100k × 10
 * DataFrame) arrived as 8 MB of fresh read buffers, was joined into 8 MB
 * more, and was copied once again because its Arrow data sat misaligned:
 * V8 ran a full mark-compact every other round trip, and Node spent 28 ms of
 * CPU per result, mostly collecting. Read in place, into pooled memory
 * (`allocate`) where its data lands aligned (`dataOffset`): 7 mark-compacts
 * in 80 round trips and 6.4 ms of CPU each.
 *
 * Used with the socket's `onread` option: `nextBuffer()` says where the
 * next read goes, `received(bytes)` is told how much it read.
 *
 * @example
 * const reader = new FrameReader((message) => decode(message));
 * connect({ path, onread: { buffer: () => reader.nextBuffer(), callback: (bytes) => (reader.received(bytes), true) } });
 */
export interface FrameReaderOptions {
  /** The reused buffer for reads that are not the rest of a known message. Default 64 KB. */
  readonly scratchBytes?: number;
  /** Memory for a message read in place, starting 8-byte aligned. Default: a fresh Buffer. */
  readonly allocate?: (bytes: number) => Uint8Array;
  /**
   * Where in a message its typed data begins, told from the message's first
   * bytes (undefined: unknown, or none): a message read in place is put
   * where this offset lands 8-byte aligned, so that its data is viewed, not
   * copied, when decoded (apache-arrow and typed arrays need the alignment).
   */
  readonly dataOffset?: (prefix: Uint8Array) => number | undefined;
}

export class FrameReader {
  readonly #scratch: Buffer;
  readonly #allocate: (bytes: number) => Uint8Array;
  readonly #dataOffset: ((prefix: Uint8Array) => number | undefined) | undefined;
  /** The start of a header cut off by the end of a read, copied out of the scratch buffer. */
  #carry: Buffer | undefined;
  /** The message being read in place, and how much of it has arrived. */
  #partial: Uint8Array | undefined;
  #filled = 0;

  /**
   * @param onMessage called with each whole message, in order; it owns the
   *   bytes (decoded values may view them). Returning false stops the reader
   *   from handing over the rest of what it has (the connection ended).
   */
  constructor(private readonly onMessage: (message: Uint8Array) => boolean, options: FrameReaderOptions = {}) {
    this.#scratch = Buffer.allocUnsafeSlow(options.scratchBytes ?? 64 * 1024);
    this.#allocate = options.allocate ?? ((bytes) => Buffer.allocUnsafeSlow(bytes));
    this.#dataOffset = options.dataOffset;
  }

  /** Where the next read should put its bytes. */
  nextBuffer(): Uint8Array {
    return this.#partial ? this.#partial.subarray(this.#filled) : this.#scratch;
  }

  /** The last read put `bytes` bytes into the buffer `nextBuffer()` gave. */
  received(bytes: number): void {
    const partial = this.#partial;
    if (partial) {
      this.#filled += bytes;
      if (this.#filled < partial.length) return;
      this.#partial = undefined;
      this.#filled = 0;
      this.onMessage(partial);
      return;
    }
    let data = this.#scratch.subarray(0, bytes);
    if (this.#carry) {
      data = Buffer.concat([this.#carry, data]);
      this.#carry = undefined;
    }
    let offset = 0;
    while (data.length - offset >= headerBytes) {
      const length = data.readUInt32LE(offset);
      const start = offset + headerBytes;
      if (data.length - start < length) {
        this.#readInPlace(data.subarray(start), length);
        return;
      }
      offset = start + length;
      // Copied out: the scratch buffer takes the next read, and decoded values may view their message.
      if (!this.onMessage(Buffer.from(data.subarray(start, offset)))) return;
    }
    if (offset < data.length) this.#carry = Buffer.from(data.subarray(offset));
  }

  /** Gives a message its memory (its typed data aligned where known) and copies in what has arrived of it. */
  #readInPlace(arrived: Uint8Array, length: number): void {
    const dataOffset = this.#dataOffset?.(arrived);
    const pad = dataOffset === undefined ? 0 : (alignment - (dataOffset % alignment)) % alignment;
    const message = this.#allocate(length + pad).subarray(pad, pad + length);
    message.set(arrived);
    this.#partial = message;
    this.#filled = arrived.length;
  }
}

/** Each message's length prefix: uint32, little endian. */
export const headerBytes = 4;
const alignment = 8;
