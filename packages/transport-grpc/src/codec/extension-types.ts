import type { DType } from "@snakepit/core";

/**
 * MessagePack extension type numbers of the Snakepit codec (proto/CODEC.md).
 * Python's `snakepit_bridge/codec.py` uses the same numbers; change both or neither.
 */
export const ExtensionType = {
  ndarray: 1,
  bigint: 2,
  map: 4,
  tuple: 5,
  remoteRef: 6,
  set: 7,
  /** Arrow IPC stream: pandas DataFrame ↔ apache-arrow Table. */
  arrow: 8,
  /** A TypeScript function passed to Python: msgpack array [handle, name, arity] (callback-extension.ts). */
  callback: 9,
  /** A large array written to a /dev/shm file that the other side maps or reads (same host only). */
  sharedMemoryArray: 10,
  /** A large Arrow IPC stream (DataFrame / Table) written to a /dev/shm file (same host only). */
  sharedMemoryArrow: 11,
  /** A user type registered on both sides (TypeRegistry / snakepit_bridge.types): msgpack array [name, data]. */
  userType: 12,
} as const;

/** Dtype codes of ext 1, indexed by code: the order is part of the wire format. */
export const dtypeByCode: readonly DType[] = [
  "float64", "float32", "int8", "int16", "int32", "int64",
  "uint8", "uint16", "uint32", "uint64", "bool",
];

/** The code of each dtype, the inverse of {@link dtypeByCode}. */
export const codeByDtype: ReadonlyMap<DType, number> = new Map(dtypeByCode.map((dtype, code) => [dtype, code]));

/** numpy caps dimensions at 32; so does the wire format. */
export const maxDimensions = 32;
