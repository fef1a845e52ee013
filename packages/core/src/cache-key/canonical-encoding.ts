import { createHash } from "node:crypto";
import { NDArray } from "../model/ndarray.js";
import { RemoteRef } from "../model/remote-ref.js";

/**
 * A stable hash of call arguments: equal values give equal keys whatever the
 * order of object keys, and different types never collide ("1" vs 1, [] vs {}).
 * Typed arrays and NDArrays are hashed by their bytes, never element by element.
 */
export function canonicalHash(value: unknown): string {
  const hash = new BufferedHash();
  feed(hash, value);
  return hash.digest();
}

/**
 * Collects the small text pieces of a key and hands them to sha256 in one
 * `update`: each update crosses into C++, and a key of a few arguments is made
 * of dozens of pieces. Bytes (arrays) are passed through as they come. The
 * digest equals updating piece by piece, so keys do not change.
 *
 * A key made of text alone and short (`add(1, 2)`: `L2[n1;n2;]…`) is the text
 * itself, marked with a leading "=" (a digest never has one): exact, so no
 * collision is possible, and a cache hit skips sha256 (≈ a third of an
 * in-memory hit's time).
 */
class BufferedHash {
  #hash: ReturnType<typeof createHash> | undefined;
  #text = "";

  update(piece: string | Uint8Array): void {
    if (typeof piece === "string") {
      this.#text += piece;
      return;
    }
    this.#flush();
    this.#sha256().update(piece);
  }

  digest(): string {
    if (this.#hash === undefined && this.#text.length <= literalKeyLength) return `=${this.#text}`;
    this.#flush();
    return this.#sha256().digest("base64url");
  }

  #sha256(): ReturnType<typeof createHash> {
    return (this.#hash ??= createHash("sha256"));
  }

  #flush(): void {
    if (this.#text) this.#sha256().update(this.#text);
    this.#text = "";
  }
}

/** Longest text kept as the key itself; longer keys are hashed (a sha256 digest is 43 characters). */
const literalKeyLength = 64;

type Hash = BufferedHash;

function feed(hash: Hash, value: unknown): void {
  if (value === null || value === undefined) return void hash.update(value === null ? "N;" : "U;");
  switch (typeof value) {
    case "number": return void hash.update(`n${Object.is(value, -0) ? "-0" : String(value)};`);
    case "bigint": return void hash.update(`b${value.toString()};`);
    case "string": return void hash.update(`s${value.length}:${value};`);
    case "boolean": return void hash.update(value ? "T;" : "F;");
    case "object": return feedObject(hash, value);
    default: throw new TypeError(`Cannot build a cache key from a ${typeof value}; only data arguments can be cached.`);
  }
}

function feedObject(hash: Hash, value: object): void {
  if (value instanceof NDArray) {
    hash.update(`A${value.dtype}[${value.shape.join(",")}]${value.data.byteLength}:`);
    return void hash.update(value.bytes());
  }
  if (ArrayBuffer.isView(value)) {
    hash.update(`V${value.constructor.name}${value.byteLength}:`);
    return void hash.update(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
  }
  if (value instanceof RemoteRef) throw new TypeError(`Cannot cache a call that takes a remote object (${value}); its state can change between calls.`);
  if (value instanceof Date) return void hash.update(`D${value.getTime()};`);
  if (value instanceof Map) {
    const entries = [...value.entries()].map(([key, item]) => [canonicalHash(key), item] as const).sort(([a], [b]) => (a < b ? -1 : 1));
    hash.update(`M${entries.length}{`);
    for (const [key, item] of entries) { hash.update(key); feed(hash, item); }
    return void hash.update("}");
  }
  if (Array.isArray(value)) {
    hash.update(`L${value.constructor === Array ? "" : value.constructor.name}${value.length}[`);
    for (const item of value) feed(hash, item);
    return void hash.update("]");
  }
  const keys = Object.keys(value).sort();
  hash.update(`O${keys.length}{`);
  for (const key of keys) { hash.update(`${key.length}:${key}`); feed(hash, (value as Record<string, unknown>)[key]); }
  hash.update("}");
}
