import { Decoder, type Encoder, type ExtensionCodec } from "@msgpack/msgpack";
import { createPayloadEncoder } from "./split-payload-encoder.js";

/**
 * Encoders and decoders for the inside of container extensions (Map, Set,
 * tuple), one per nesting depth, created on first use and then reused.
 *
 * An extension's payload is itself MessagePack, coded while the outer coder
 * is busy. `Encoder` and `Decoder` clone themselves for such re-entrant calls,
 * allocating fresh buffers every time; a stack indexed by depth keeps them.
 * `encodeSharedRef` is safe because the outer encoder copies the payload
 * before this depth is used again.
 */
export class NestedCoders {
  readonly #encoders: Encoder[] = [];
  readonly #decoders: Decoder[] = [];
  #encodeDepth = 0;
  #decodeDepth = 0;

  constructor(private readonly extensionCodec: ExtensionCodec) {}

  /** Encodes `value`; the result is only valid until the next encode at this depth. */
  encode(value: unknown): Uint8Array {
    const depth = this.#encodeDepth;
    const encoder = (this.#encoders[depth] ??= createPayloadEncoder({ extensionCodec: this.extensionCodec }));
    this.#encodeDepth = depth + 1;
    try {
      return encoder.encodeSharedRef(value);
    } finally {
      this.#encodeDepth = depth;
    }
  }

  /** Decodes an extension payload. */
  decode(payload: Uint8Array): unknown {
    const depth = this.#decodeDepth;
    const decoder = (this.#decoders[depth] ??= new Decoder({ extensionCodec: this.extensionCodec }));
    this.#decodeDepth = depth + 1;
    try {
      return decoder.decode(payload);
    } finally {
      this.#decodeDepth = depth;
    }
  }
}
