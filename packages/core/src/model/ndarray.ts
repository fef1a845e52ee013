/**
 * An n-dimensional array that crosses to numpy without per-element work: the
 * data stays in one typed array and travels as raw bytes with dtype and shape.
 *
 * @example
 * const a = NDArray.from(new Float64Array([1, 2, 3, 4]), [2, 2]);
 * const b = await py.call("numpy.matmul", [a, a]); // NDArray, dtype float64, shape [2, 2]
 */
export type DType =
  | "float64" | "float32" | "int8" | "int16" | "int32" | "int64"
  | "uint8" | "uint16" | "uint32" | "uint64" | "bool";

export type TypedArrayOf<D extends DType> =
  D extends "float64" ? Float64Array :
  D extends "float32" ? Float32Array :
  D extends "int8" ? Int8Array :
  D extends "int16" ? Int16Array :
  D extends "int32" ? Int32Array :
  D extends "int64" ? BigInt64Array :
  D extends "uint8" ? Uint8Array :
  D extends "uint16" ? Uint16Array :
  D extends "uint32" ? Uint32Array :
  D extends "uint64" ? BigUint64Array :
  Uint8Array;

export type AnyTypedArray =
  | Float64Array | Float32Array | Int8Array | Int16Array | Int32Array | BigInt64Array
  | Uint8Array | Uint16Array | Uint32Array | BigUint64Array;

const constructors = {
  float64: Float64Array, float32: Float32Array, int8: Int8Array, int16: Int16Array,
  int32: Int32Array, int64: BigInt64Array, uint8: Uint8Array, uint16: Uint16Array,
  uint32: Uint32Array, uint64: BigUint64Array, bool: Uint8Array,
} as const;

/** The dtype a typed array maps to (Uint8Array → uint8; use `NDArray.bool` for booleans). */
export function dtypeOf(data: AnyTypedArray): DType {
  for (const [dtype, constructor] of Object.entries(constructors)) {
    if (dtype !== "bool" && data instanceof constructor) return dtype as DType;
  }
  throw new TypeError(`Unsupported typed array ${Object.prototype.toString.call(data)}: use one of ${Object.keys(constructors).join(", ")}.`);
}

export class NDArray<D extends DType = DType> {
  private constructor(
    readonly dtype: D,
    readonly shape: readonly number[],
    /** Row-major (C order) data; a view, never a copy made by Snakepit. */
    readonly data: TypedArrayOf<D>,
  ) {}

  /** Wraps a typed array; `shape` defaults to one dimension. The data is not copied. */
  static from<T extends AnyTypedArray>(data: T, shape: readonly number[] = [data.length]): NDArray {
    const size = shape.reduce((product, dimension) => product * dimension, 1);
    if (size !== data.length) {
      throw new RangeError(`Shape [${shape.join(", ")}] holds ${size} elements but the data has ${data.length}; pass a shape whose product is the data length.`);
    }
    return new NDArray(dtypeOf(data), [...shape], data as never);
  }

  /** A boolean array stored one byte per element (numpy's bool layout). */
  static bool(data: Uint8Array, shape: readonly number[] = [data.length]): NDArray<"bool"> {
    return new NDArray("bool", [...shape], data);
  }

  /** Builds an array over raw little-endian bytes as they came off the wire; copies only when the bytes are misaligned. */
  static fromBytes(dtype: DType, shape: readonly number[], bytes: Uint8Array): NDArray {
    const Constructor = constructors[dtype];
    const width = Constructor.BYTES_PER_ELEMENT;
    if (bytes.byteLength % width !== 0) {
      throw new RangeError(`${bytes.byteLength} bytes is not a whole number of ${dtype} elements (${width} bytes each).`);
    }
    // Uint8Array's slice copies; a Buffer's slice would be a view (still misaligned).
    const aligned = bytes.byteOffset % width === 0 ? bytes : Uint8Array.prototype.slice.call(bytes);
    const data = new Constructor(aligned.buffer as ArrayBuffer, aligned.byteOffset, aligned.byteLength / width);
    return new NDArray(dtype, [...shape], data as never);
  }

  /** Number of elements. */
  get size(): number {
    return this.data.length;
  }

  /** The raw bytes of the data, as a view. */
  bytes(): Uint8Array {
    return new Uint8Array(this.data.buffer, this.data.byteOffset, this.data.byteLength);
  }

  /** Nested plain arrays, for printing and small results; avoid on large arrays. */
  toArray(): unknown {
    const flat = Array.from(this.data as ArrayLike<number | bigint>, (value) => (this.dtype === "bool" ? value !== 0 : value));
    const build = (offset: number, dimension: number): unknown => {
      if (dimension === this.shape.length) return flat[offset];
      const stride = this.shape.slice(dimension + 1).reduce((product, size) => product * size, 1);
      return Array.from({ length: this.shape[dimension] ?? 0 }, (_, index) => build(offset + index * stride, dimension + 1));
    };
    return this.shape.length === 0 ? flat[0] : build(0, 0);
  }
}
