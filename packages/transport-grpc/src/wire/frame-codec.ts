import type { CallbackInvocation, CallbackReply, CallReply, CallRequest, ClientFrame, PythonError, ServerFrame } from "../gen/snakepit/v1/bridge_pb.js";

/**
 * Protobuf wire format of the two Session messages, written by hand for the
 * hot path. protobuf-es encodes through reflection (a zero message, then
 * field by field); for a frame of 64 trivial calls that was most of the
 * transport's own CPU. The messages are the generated ones (same field
 * numbers, same `$typeName` shapes), so anything else can still use
 * `toBinary`/`fromBinary` on them; the tests check both agree.
 */

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

/** Grows as needed; one per process, reused by every frame (Node is single-threaded). */
let scratch = new Uint8Array(1 << 16);
let position = 0;
/** Finished pieces of the frame being written: copied scratch regions and big payloads as they are. */
let segments: Uint8Array[] = [];
let segmentStart = 0;

/** Payloads this big are sent as their own segment instead of being copied into the frame. */
const separateSegmentBytes = 1 << 15;

function reserve(bytes: number): void {
  if (position + bytes <= scratch.length) return;
  const grown = new Uint8Array(Math.max(scratch.length * 2, position + bytes));
  grown.set(scratch.subarray(0, position));
  scratch = grown;
}

function varintSize(value: number): number {
  let size = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 0x80);
    size++;
  }
  return size;
}

function writeVarint(value: number): void {
  reserve(10);
  while (value > 0x7f) {
    scratch[position++] = (value % 0x80) | 0x80;
    value = Math.floor(value / 0x80);
  }
  scratch[position++] = value;
}

function writeBytes(field: number, bytes: Uint8Array): void {
  if (bytes.length === 0) return;
  writeVarint((field << 3) | 2);
  writeVarint(bytes.length);
  if (bytes.length >= separateSegmentBytes) {
    segments.push(scratch.slice(segmentStart, position), bytes);
    segmentStart = position;
    return;
  }
  reserve(bytes.length);
  scratch.set(bytes, position);
  position += bytes.length;
}

function writeString(field: number, text: string, byteLength: number): void {
  if (byteLength === 0) return;
  writeVarint((field << 3) | 2);
  writeVarint(byteLength);
  reserve(byteLength);
  position += utf8.encodeInto(text, scratch.subarray(position, position + byteLength)).written;
}

function writeUint(field: number, value: number | bigint): void {
  if (value === 0 || value === 0n) return;
  writeVarint(field << 3);
  writeVarint(Number(value));
}

const utf8Length = (text: string): number => (text.length === 0 ? 0 : Buffer.byteLength(text, "utf8"));
const lengthDelimitedSize = (length: number): number => (length === 0 ? 0 : 1 + varintSize(length) + length);
const uintSize = (value: number | bigint): number => (value === 0 || value === 0n ? 0 : 1 + varintSize(Number(value)));

function writeCall(call: CallRequest): void {
  const target = utf8Length(call.target);
  const refId = utf8Length(call.refId);
  const attribute = utf8Length(call.attribute);
  const traceparent = utf8Length(call.traceparent);
  const tracestate = utf8Length(call.tracestate);
  const size = uintSize(call.id) + lengthDelimitedSize(target) + lengthDelimitedSize(refId) + lengthDelimitedSize(attribute)
    + lengthDelimitedSize(call.args.length) + lengthDelimitedSize(call.kwargs.length)
    + uintSize(call.deadlineMs) + uintSize(call.resultMode) + uintSize(call.kind)
    + lengthDelimitedSize(traceparent) + lengthDelimitedSize(tracestate);
  writeVarint((1 << 3) | 2);
  writeVarint(size);
  writeUint(1, call.id);
  writeString(2, call.target, target);
  writeString(3, call.refId, refId);
  writeString(4, call.attribute, attribute);
  writeBytes(5, call.args);
  writeBytes(6, call.kwargs);
  writeUint(7, call.deadlineMs);
  writeUint(8, call.resultMode);
  writeUint(9, call.kind);
  writeString(10, call.traceparent, traceparent);
  writeString(11, call.tracestate, tracestate);
}

/** A oneof member is written even when empty: its presence is what says which case is set. */
function writePresentBytes(field: number, bytes: Uint8Array): void {
  if (bytes.length > 0) return writeBytes(field, bytes);
  writeVarint((field << 3) | 2);
  writeVarint(0);
}

/**
 * A CallbackReply, by hand like calls: a scipy objective written in TS answers
 * Python hundreds of times per `minimize`, and protobuf-es's reflective
 * encoding was a fifth of the Node side of each round trip.
 */
function writeCallbackReply(reply: CallbackReply): void {
  const outcome = reply.outcome;
  const error = outcome.case === "error" ? outcome.value : undefined;
  const lengths = error ? [utf8Length(error.name), utf8Length(error.message), utf8Length(error.stack), utf8Length(error.code)] : [];
  const errorSize = lengths.reduce((total, length) => total + lengthDelimitedSize(length), 0);
  const outcomeSize = outcome.case === "value" ? outcome.value.length : errorSize;
  writeVarint((4 << 3) | 2);
  writeVarint(uintSize(reply.id) + (outcome.case === undefined ? 0 : 1 + varintSize(outcomeSize) + outcomeSize));
  writeUint(1, reply.id);
  if (outcome.case === "value") {
    writePresentBytes(2, outcome.value);
  } else if (error) {
    writeVarint((3 << 3) | 2);
    writeVarint(errorSize);
    writeString(1, error.name, lengths[0] ?? 0);
    writeString(2, error.message, lengths[1] ?? 0);
    writeString(3, error.stack, lengths[2] ?? 0);
    writeString(4, error.code, lengths[3] ?? 0);
  }
}

/**
 * The protobuf bytes of a ClientFrame as segments to write in order (big
 * argument payloads are segments of their own, not copied), after `prefix`
 * bytes left free at the start of the first segment (for a length header).
 */
export function encodeClientFrame(frame: ClientFrame, prefix = 0): Uint8Array[] {
  segments = [];
  position = 0;
  reserve(prefix);
  position = prefix;
  segmentStart = 0;
  for (const call of frame.calls) writeCall(call);
  if (frame.cancel.length > 0) {
    const ids = frame.cancel.map(Number);
    writeVarint((2 << 3) | 2);
    writeVarint(ids.reduce((total, id) => total + varintSize(id), 0));
    for (const id of ids) writeVarint(id);
  }
  for (const refId of frame.release) writeString(3, refId, utf8Length(refId));
  for (const reply of frame.callbackReplies) writeCallbackReply(reply);
  if (frame.clientPolling) {
    writeVarint((5 << 3) | 0);
    writeVarint(1);
  }
  segments.push(scratch.slice(segmentStart, position));
  const written = segments;
  segments = [];
  return written;
}

/** Joins segments into one array (tests, and callers that need one buffer). */
export function joinSegments(parts: readonly Uint8Array[]): Uint8Array {
  return parts.length === 1 && parts[0] ? parts[0] : Buffer.concat(parts);
}

/** Reads protobuf fields of one message; `field` gets each (number, wire type) and consumes its value. */
/** Reads protobuf wire format by hand (varints, length-delimited spans); past the end it reads zeros. */
export class Reader {
  position: number;

  constructor(readonly bytes: Uint8Array, start: number, readonly end: number) {
    this.position = start;
  }

  varint(): number {
    let result = 0;
    let scale = 1;
    for (;;) {
      const byte = this.bytes[this.position++] ?? 0;
      result += (byte & 0x7f) * scale;
      if (byte < 0x80) return result;
      scale *= 0x80;
    }
  }

  /** A length-delimited field as [start, end) in `bytes`. */
  span(): [number, number] {
    const length = this.varint();
    const start = this.position;
    this.position += length;
    return [start, this.position];
  }

  string(): string {
    const [start, end] = this.span();
    return utf8Decoder.decode(this.bytes.subarray(start, end));
  }

  skip(wireType: number): void {
    if (wireType === 0) this.varint();
    else if (wireType === 1) this.position += 8;
    else if (wireType === 2) this.span();
    else if (wireType === 5) this.position += 4;
    else throw new Error(`unsupported protobuf wire type ${wireType}`);
  }
}

function readError(bytes: Uint8Array, start: number, end: number): PythonError {
  const error: PythonError = { $typeName: "snakepit.v1.PythonError", type: "", module: "", message: "", traceback: "", bridgeCode: "" };
  const reader = new Reader(bytes, start, end);
  while (reader.position < end) {
    const tag = reader.varint();
    switch (tag) {
      case (1 << 3) | 2: error.type = reader.string(); break;
      case (2 << 3) | 2: error.module = reader.string(); break;
      case (3 << 3) | 2: error.message = reader.string(); break;
      case (4 << 3) | 2: error.traceback = reader.string(); break;
      case (5 << 3) | 2: error.bridgeCode = reader.string(); break;
      default: reader.skip(tag & 7);
    }
  }
  return error;
}

function readReply(bytes: Uint8Array, start: number, end: number): CallReply {
  const reply: CallReply = { $typeName: "snakepit.v1.CallReply", id: 0n, outcome: { case: undefined } };
  const reader = new Reader(bytes, start, end);
  while (reader.position < end) {
    const tag = reader.varint();
    if (tag === 1 << 3) {
      reply.id = BigInt(reader.varint());
    } else if (tag === ((2 << 3) | 2)) {
      const [from, to] = reader.span();
      reply.outcome = { case: "value", value: bytes.subarray(from, to) };
    } else if (tag === ((3 << 3) | 2)) {
      const [from, to] = reader.span();
      reply.outcome = { case: "error", value: readError(bytes, from, to) };
    } else {
      reader.skip(tag & 7);
    }
  }
  return reply;
}

/** A CallbackInvocation; its argument bytes are views into `bytes`, not copies. */
function readInvocation(bytes: Uint8Array, start: number, end: number): CallbackInvocation {
  const invocation: CallbackInvocation = { $typeName: "snakepit.v1.CallbackInvocation", id: 0n, handle: 0n, tool: "", args: empty, kwargs: empty, deadlineMs: 0, callId: 0n };
  const reader = new Reader(bytes, start, end);
  while (reader.position < end) {
    const tag = reader.varint();
    switch (tag) {
      case 1 << 3: invocation.id = BigInt(reader.varint()); break;
      case 2 << 3: invocation.handle = BigInt(reader.varint()); break;
      case (3 << 3) | 2: invocation.tool = reader.string(); break;
      case (4 << 3) | 2: { const [from, to] = reader.span(); invocation.args = bytes.subarray(from, to); break; }
      case (5 << 3) | 2: { const [from, to] = reader.span(); invocation.kwargs = bytes.subarray(from, to); break; }
      case 6 << 3: invocation.deadlineMs = reader.varint(); break;
      case 7 << 3: invocation.callId = BigInt(reader.varint()); break;
      default: reader.skip(tag & 7);
    }
  }
  return invocation;
}

const empty = new Uint8Array(0);

/** A repeated uint64 field, packed (wire type 2) or not (wire type 0). */
function readUint64s(reader: Reader, tag: number, into: bigint[]): void {
  if ((tag & 7) === 0) {
    into.push(BigInt(reader.varint()));
    return;
  }
  const [start, end] = reader.span();
  reader.position = start;
  while (reader.position < end) into.push(BigInt(reader.varint()));
}

/** A ServerFrame from its protobuf bytes; reply values are views into `bytes`, not copies. */
export function decodeServerFrame(bytes: Uint8Array): ServerFrame {
  const frame: ServerFrame = { $typeName: "snakepit.v1.ServerFrame", replies: [], callbacks: [], callbackCancel: [], callbackRelease: [], runMicros: 0 };
  const reader = new Reader(bytes, 0, bytes.length);
  while (reader.position < bytes.length) {
    const tag = reader.varint();
    if (tag === ((1 << 3) | 2)) {
      const [start, end] = reader.span();
      frame.replies.push(readReply(bytes, start, end));
    } else if (tag === ((2 << 3) | 2)) {
      const [start, end] = reader.span();
      frame.callbacks.push(readInvocation(bytes, start, end));
    } else if (tag >> 3 === 3 || tag >> 3 === 4) {
      readUint64s(reader, tag, tag >> 3 === 3 ? frame.callbackCancel : frame.callbackRelease);
    } else if (tag === ((5 << 3) | 0)) {
      frame.runMicros = reader.varint();
    } else {
      reader.skip(tag & 7);
    }
  }
  return frame;
}
