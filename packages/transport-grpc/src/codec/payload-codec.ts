import { DecodeError, Decoder, type Encoder } from "@msgpack/msgpack";
import { CodecError, SnakepitError, hasKeys, typeRegistry, type TypeRegistry } from "@snakepit/core";
import { withoutSharedMemory } from "./shared-memory-extension.js";
import { createSnakepitExtensions } from "./snakepit-extensions.js";
import { createPayloadEncoder, encodeOwned } from "./split-payload-encoder.js";

const empty = new Uint8Array(0);

/**
 * One encoder for the whole process: encoding does not depend on the
 * endpoint, and a shared encoder keeps one grown buffer instead of one per
 * transport. Encoding is synchronous, so transports never interleave on it.
 */
let sharedEncoder: Encoder | undefined;

/**
 * MessagePack with Snakepit's extension types (proto/CODEC.md), for one
 * endpoint: decoded refs are stamped with that endpoint's id.
 *
 * Encoder and Decoder are reused for every payload: they keep their buffers
 * and caches, which makes them several times faster than the
 * `encode()`/`decode()` helpers that build new ones per call.
 *
 * @example
 * const codec = new PayloadCodec("worker-1");
 * const bytes = codec.encode([1, 2n, new Map([[1, "a"]])]);
 * codec.decode(bytes); // [1, 2n, Map { 1 => "a" }]
 */
export class PayloadCodec {
  readonly #decoder: Decoder;
  /** Set only for a registry other than the process-wide one: then this codec keeps its own encoder. */
  #ownEncoder: Encoder | undefined;

  /**
   * `types`: the user converters of ext 12; default the process-wide `typeRegistry`.
   * `sameHost`: false for a worker on another machine, which never gets the /dev/shm fast path (ext 10/11).
   */
  constructor(readonly owner: string, types: TypeRegistry = typeRegistry, readonly sameHost = true) {
    this.#decoder = new Decoder({ extensionCodec: createSnakepitExtensions(owner, types) });
    if (types !== typeRegistry) this.#ownEncoder = createPayloadEncoder({ extensionCodec: createSnakepitExtensions("", types) });
  }

  /** Encodes one value into a new byte array; throws `CodecError` for values with no wire mapping. */
  encode(value: unknown): Uint8Array {
    return this.sameHost ? this.#encode(value) : withoutSharedMemory(() => this.#encode(value));
  }

  #encode(value: unknown): Uint8Array {
    try {
      // A large result keeps the encoder's buffer and the encoder starts a new one (encodeOwned), so none pins a huge buffer.
      if (this.#ownEncoder) return encodeOwned(this.#ownEncoder, value);
      sharedEncoder ??= createPayloadEncoder({ extensionCodec: createSnakepitExtensions("") });
      return encodeOwned(sharedEncoder, value);
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
    return hasKeys(kwargs) ? this.encode(kwargs) : empty;
  }

  /** Decodes one value; empty bytes decode to null. Throws `CodecError` on malformed input. */
  decode(bytes: Uint8Array): unknown {
    if (bytes.byteLength === 0) return null;
    return this.sameHost ? this.#decode(bytes) : withoutSharedMemory(() => this.#decode(bytes));
  }

  #decode(bytes: Uint8Array): unknown {
    // A Buffer would make every `bin` a Buffer too; decode a plain view so Python bytes are always Uint8Array.
    const view = bytes.constructor === Uint8Array ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    try {
      return this.#decoder.decode(view);
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
