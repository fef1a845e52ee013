import { fromBinary, toBinary, type DescMessage, type DescMethod, type MessageShape } from "@bufbuild/protobuf";
import type { MethodDefinition } from "@grpc/grpc-js";
import { Bridge } from "../gen/snakepit/v1/bridge_pb.js";

/**
 * Wraps encoded bytes as a Buffer without copying: grpc-js wants Buffers,
 * protobuf-es produces Uint8Arrays over the same memory.
 */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Reads a message from a plain Uint8Array view of the Buffer, so that `bytes`
 * fields (payloads, Python `bytes`) come out as Uint8Array, as they do with
 * Connect, and never as Buffer (whose `slice()` does not copy).
 */
function writer<T extends DescMessage>(schema: T): (message: MessageShape<T>) => Buffer {
  return (message) => asBuffer(toBinary(schema, message));
}

function reader<T extends DescMessage>(schema: T): (buffer: Buffer) => MessageShape<T> {
  return (buffer) => fromBinary(schema, new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength));
}

function definitionOf<I extends DescMessage, O extends DescMessage>(method: DescMethod & { readonly input: I; readonly output: O }): MethodDefinition<MessageShape<I>, MessageShape<O>> {
  return {
    path: `/${method.parent.typeName}/${method.name}`,
    requestStream: method.methodKind === "client_streaming" || method.methodKind === "bidi_streaming",
    responseStream: method.methodKind === "server_streaming" || method.methodKind === "bidi_streaming",
    originalName: method.localName,
    requestSerialize: writer(method.input),
    requestDeserialize: reader(method.input),
    responseSerialize: writer(method.output),
    responseDeserialize: reader(method.output),
  };
}

/**
 * The service definition built from the protobuf-es schema (the generated
 * code both transports share), serialising with toBinary/fromBinary. Servers
 * can use it too: the tests run a grpc-js Bridge server with it.
 */
export const bridgeServiceDefinition = {
  call: definitionOf(Bridge.method.call),
  batch: definitionOf(Bridge.method.batch),
  session: definitionOf(Bridge.method.session),
  stream: definitionOf(Bridge.method.stream),
  release: definitionOf(Bridge.method.release),
  cancel: definitionOf(Bridge.method.cancel),
  describe: definitionOf(Bridge.method.describe),
  health: definitionOf(Bridge.method.health),
} as const;

/** The Bridge service for @grpc/grpc-js, one method definition per RPC. */
export type BridgeServiceDefinition = typeof bridgeServiceDefinition;
