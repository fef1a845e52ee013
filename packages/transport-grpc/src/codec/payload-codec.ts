import { DecodeError, Decoder, Encoder } from "@msgpack/msgpack";
import { CodecError, SnakepitError } from "@snakepit/core";
import { createSnakepitExtensions } from "./snakepit-extensions.js";

const empty = new Uint8Array(0);

/** After an encode this large, the encoder is replaced so that one big call does not pin its buffer forever. */
const largeBufferBytes = 1 << 20;

/**
 * MessagePack with Snakepit's extension types (proto/CODEC.md), for one
 * endpoint: decoded refs are stamped with that endpoint's id.
 *
 * One Encoder and one Decoder are reused for every payload: they keep their
 * buffers and caches, which makes them several times faster than the
 * `encode()`/`decode()` helpers that build new ones per call.
 *
 * @example
 * const codec = new PayloadCodec("worker-1");
 * const bytes = codec.encode([1, 2n, new Map([[1, "a"]])]);
 * codec.decode(bytes); // [1, 2n, Map { 1 => "a" }]
 */
export class PayloadCodec {
  readonly #extensions;
  #encoder: Encoder;
  readonly #decoder: Decoder;

  constructor(readonly owner: string) {
    this.#extensions = createSnakepitExtensions(owner);
    this.#encoder = new Encoder({ extensionCodec: this.#extensions });
    this.#decoder = new Decoder({ extensionCodec: this.#extensions });
  }

  /** Encodes one value into a new byte array; throws `CodecError` for values with no wire mapping. */
  encode(value: unknown): Uint8Array {
    try {
      const bytes = this.#encoder.encode(value);
      if (bytes.byteLength > largeBufferBytes) this.#encoder = new Encoder({ extensionCodec: this.#extensions });
      return bytes;
    } catch (error) {
      if (error instanceof SnakepitError) throw error;
      throw new CodecError(`Cannot encode the value for Python: ${messageOf(error)}`, { cause: error });
    }
  }

  /** Positional arguments as a MessagePack array; no arguments are empty bytes, as the wire contract says. */
  encodeArguments(args: readonly unknown[] | undefined): Uint8Array {
    return args && args.length > 0 ? this.encode(args) : empty;
  }

  /** Keyword arguments as a MessagePack map; none are empty bytes. */
  encodeKeywordArguments(kwargs: Readonly<Record<string, unknown>> | undefined): Uint8Array {
    return kwargs && Object.keys(kwargs).length > 0 ? this.encode(kwargs) : empty;
  }

  /** Decodes one value; empty bytes decode to null. Throws `CodecError` on malformed input. */
  decode(bytes: Uint8Array): unknown {
    if (bytes.byteLength === 0) return null;
    try {
      return this.#decoder.decode(bytes);
    } catch (error) {
      if (error instanceof SnakepitError) throw error;
      const kind = error instanceof DecodeError || error instanceof RangeError ? "is malformed" : "could not be decoded";
      throw new CodecError(`A payload from the worker ${kind} (${bytes.byteLength} bytes): ${messageOf(error)}. The worker's snakepit-bridge may not match this @snakepit/transport-grpc.`, { cause: error });
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
