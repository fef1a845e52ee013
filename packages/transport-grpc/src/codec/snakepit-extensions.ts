import { type ExtensionCodec, decodeTimestampExtension, encodeTimestampExtension } from "@msgpack/msgpack";
import { DenseExtensionCodec } from "./dense-extension-codec.js";
import { CodecError, NDArray, PyTuple, RemoteRef, typeRegistry, type TypeRegistry } from "@snakepit/core";
import { decodeArrowTable, decodeSharedArrowTable, encodeArrowTable, encodeSharedArrowTable } from "./arrow-extension.js";
import { encodeCallback } from "./callback-extension.js";
import { ExtensionType } from "./extension-types.js";
import { NestedCoders } from "./nested-coders.js";
import { decodeNDArray, encodeNDArrayParts, encodeTypedArrayParts, isNumericTypedArray } from "./ndarray-extension.js";
import { refusalOf } from "./refused-value.js";
import { decodeSharedNDArray, encodeSharedNDArray, goesThroughSharedMemory } from "./shared-memory-extension.js";

/**
 * Extension type used only as the last encoder in line: MessagePack tries
 * custom encoders in type order, so registering the refusal check at 127
 * makes it run after every real extension has declined a value.
 */
const refusalSlot = 127;

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

/**
 * Builds the ExtensionCodec of proto/CODEC.md. `owner` is stamped on every
 * RemoteRef decoded, so a scheduler knows which worker holds the object.
 * `types` holds the user converters of ext 12 (default: the process-wide registry).
 */
export function createSnakepitExtensions(owner: string, types: TypeRegistry = typeRegistry): ExtensionCodec {
  const codec = new DenseExtensionCodec({ claimsPlainArrays: [ExtensionType.userType], claimsPlainObjects: [ExtensionType.userType] });
  const nested = new NestedCoders(codec);
  const asArray = (payload: Uint8Array, what: string): unknown[] => {
    const items = nested.decode(payload);
    if (!Array.isArray(items)) throw new CodecError(`${what} extension must hold a MessagePack array, got ${typeof items}.`);
    return items;
  };

  codec.register({
    type: -1,
    encode: (value) => {
      if (!(value instanceof Date)) return null;
      if (Number.isNaN(value.getTime())) throw new CodecError("Cannot send an invalid Date (its time is NaN) to Python; check how it was built.");
      return encodeTimestampExtension(value);
    },
    decode: (payload) => decodeTimestampExtension(payload),
  });
  codec.register({
    type: ExtensionType.ndarray,
    encode: (value) => {
      // Large arrays are left to ext 10 when the same-host fast path is on.
      if (goesThroughSharedMemory(value)) return null;
      return value instanceof NDArray ? encodeNDArrayParts(value) : isNumericTypedArray(value) ? encodeTypedArrayParts(value) : null;
    },
    decode: (payload) => decodeNDArray(payload),
  });
  codec.register({
    type: ExtensionType.bigint,
    encode: (value) => (typeof value === "bigint" ? textEncoder.encode(value.toString()) : null),
    decode: (payload) => BigInt(textDecoder.decode(payload)),
  });
  codec.register({
    type: ExtensionType.map,
    encode: (value) => (value instanceof Map ? nested.encode([...value].flat(1)) : null),
    decode: (payload) => {
      const flat = asArray(payload, "Map (ext 4)");
      const map = new Map<unknown, unknown>();
      for (let index = 0; index + 1 < flat.length; index += 2) map.set(flat[index], flat[index + 1]);
      return map;
    },
  });
  codec.register({
    type: ExtensionType.tuple,
    encode: (value) => (value instanceof PyTuple ? nested.encode([...value]) : null),
    decode: (payload) => {
      const result = new PyTuple<unknown>();
      result.push(...asArray(payload, "tuple (ext 5)"));
      return result;
    },
  });
  codec.register({
    type: ExtensionType.remoteRef,
    encode: (value) => (value instanceof RemoteRef ? nested.encode([value.id, value.pythonType]) : null),
    decode: (payload) => {
      const [id, pythonType] = asArray(payload, "RemoteRef (ext 6)");
      return new RemoteRef(String(id), String(pythonType ?? ""), owner);
    },
  });
  codec.register({
    type: ExtensionType.set,
    encode: (value) => (value instanceof Set ? nested.encode([...value]) : null),
    decode: (payload) => new Set(asArray(payload, "Set (ext 7)")),
  });
  codec.register({
    type: ExtensionType.arrow,
    encode: encodeArrowTable,
    decode: decodeArrowTable,
  });
  codec.register({
    type: ExtensionType.callback,
    encode: (value) => encodeCallback(value, (items) => nested.encode(items)),
    decode: () => {
      throw new CodecError("The worker sent a callback handle (ext 9) in a result; Python functions do not travel to TypeScript (they stay in Python: return a ref with resultMode \"ref\" and call it through the RemoteObject).");
    },
  });
  codec.register({
    type: ExtensionType.sharedMemoryArray,
    encode: encodeSharedNDArray,
    decode: decodeSharedNDArray,
  });
  codec.register({ type: ExtensionType.sharedMemoryArrow, encode: encodeSharedArrowTable, decode: decodeSharedArrowTable });
  codec.register({
    type: ExtensionType.userType,
    encode: (value) => {
      if (types.size === 0 || typeof value !== "object" || value === null) return null;
      const type = types.find(value);
      return type ? nested.encode([type.name, type.toWire(value)]) : null;
    },
    decode: (payload) => {
      const [name, data] = asArray(payload, "user type (ext 12)");
      const type = types.get(String(name));
      if (!type) throw new CodecError(`The worker sent a value of user type "${String(name)}" (ext 12), which is not registered here; register it with typeRegistry.register({ name: "${String(name)}", is, toWire, fromWire }) before the call.`);
      return type.fromWire(data);
    },
  });
  codec.register({
    type: refusalSlot,
    encode: (value) => {
      const refusal = refusalOf(value);
      if (refusal) throw refusal;
      return null;
    },
    decode: (_payload, type) => {
      throw new CodecError(`The worker sent MessagePack extension ${type}, which this codec does not define; update @snakepit/transport-grpc to match the worker's snakepit-bridge.`);
    },
  });
  return codec;
}
