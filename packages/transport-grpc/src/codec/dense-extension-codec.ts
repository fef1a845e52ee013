import { decodeTimestampExtension, encodeTimestampExtension, ExtData, ExtensionCodec, type ExtensionDecoderType, type ExtensionEncoderType } from "@msgpack/msgpack";

interface Registered {
  readonly type: number;
  readonly encode: ExtensionEncoderType<undefined>;
}

/**
 * An ExtensionCodec that asks only the encoders it has, and skips them for
 * plain arrays.
 *
 * Why: @msgpack/msgpack asks its encoders for every object it meets by
 * walking an array indexed by extension type; with Snakepit's refusal check
 * at type 127 that is 128 slots per object, most of them empty — 7% of Node's
 * CPU in a batch of 1,000 small calls. Here the encoders sit in a dense list
 * in the same order (built-in types first, then ascending), so the result is
 * identical, and a plain `Array` — the arguments of every call — or a plain
 * object (a pipeline graph is made of them: two thirds of Node's time for a
 * pipeline went to these probes and the encoding) is offered only to the
 * encoders registered with `claimsPlainArrays` / `claimsPlainObjects` (user types).
 */
export class DenseExtensionCodec extends ExtensionCodec {
  #ordered: Registered[] = [];
  #forPlainArrays: Registered[] = [];
  #forPlainObjects: Registered[] = [];
  readonly #plainArrayTypes: ReadonlySet<number>;
  readonly #plainObjectTypes: ReadonlySet<number>;

  /** `claimsPlainArrays` / `claimsPlainObjects`: extension types whose encoder may accept a plain Array / a plain object. */
  constructor(options: { readonly claimsPlainArrays?: readonly number[]; readonly claimsPlainObjects?: readonly number[] } = {}) {
    super();
    this.#plainArrayTypes = new Set(options.claimsPlainArrays ?? []);
    this.#plainObjectTypes = new Set(options.claimsPlainObjects ?? []);
    // super() registered the timestamp extension before this class's fields existed: list it again.
    this.register({ type: -1, encode: encodeTimestampExtension, decode: decodeTimestampExtension });
  }

  override register(extension: { type: number; encode: ExtensionEncoderType<undefined>; decode: ExtensionDecoderType<undefined> }): void {
    super.register(extension);
    // Called by the base constructor before this class's fields exist; the constructor lists that one again.
    if (!(#ordered in this)) return;
    const entry = { type: extension.type, encode: extension.encode };
    const rank = (type: number) => (type < 0 ? -1000 - type : type);
    this.#ordered = [...this.#ordered.filter((other) => other.type !== extension.type), entry].sort((a, b) => rank(a.type) - rank(b.type));
    this.#forPlainArrays = this.#ordered.filter((other) => this.#plainArrayTypes.has(other.type));
    this.#forPlainObjects = this.#ordered.filter((other) => this.#plainObjectTypes.has(other.type));
  }

  override tryToEncode(object: unknown, context: undefined): ExtData | null {
    const encoders = Array.isArray(object) ? (object.constructor === Array ? this.#forPlainArrays : this.#ordered) : isPlainObject(object) ? this.#forPlainObjects : this.#ordered;
    for (const { type, encode } of encoders) {
      const data = encode(object, context);
      if (data != null) return new ExtData(type, data);
    }
    return object instanceof ExtData ? object : null;
  }
}

function isPlainObject(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
