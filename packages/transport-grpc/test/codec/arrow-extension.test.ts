import { Bool, Dictionary, Float64, Int32, Int64, Table, tableToIPC, Type, Utf8, vectorFromArray } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { encodeArrowTable } from "../../src/codec/arrow-extension.js";
import { PayloadCodec } from "../../src/codec/payload-codec.js";

function sampleTable(): Table {
  return new Table({
    count: vectorFromArray([1n, 2n, 3n], new Int64()),
    ratio: vectorFromArray([0.5, 1.5, 2.5], new Float64()),
    name: vectorFromArray(["a", "b", "c"], new Utf8()),
    flag: vectorFromArray([true, false, true], new Bool()),
    kind: vectorFromArray(["x", "y", "x"], new Dictionary(new Utf8(), new Int32())),
  });
}

describe("ext 8: apache-arrow Tables", () => {
  const codec = new PayloadCodec("w1");

  it("encodes a Table as an Arrow IPC stream and decodes it back with the same schema and values", () => {
    const bytes = codec.encode({ frame: sampleTable() });
    const back = (codec.decode(bytes) as { frame: Table }).frame;
    expect(back).toBeInstanceOf(Table);
    expect(back.schema.fields.map((field) => [field.name, Type[field.typeId]])).toEqual([
      ["count", "Int"], ["ratio", "Float"], ["name", "Utf8"], ["flag", "Bool"], ["kind", "Dictionary"],
    ]);
    expect(back.getChild("count")?.toArray()).toEqual(new BigInt64Array([1n, 2n, 3n]));
    expect([...(back.getChild("name") ?? [])]).toEqual(["a", "b", "c"]);
    expect([...(back.getChild("kind") ?? [])]).toEqual(["x", "y", "x"]);
    expect(back.numRows).toBe(3);
  });

  it("reads a stream whose bytes are not 8-byte aligned inside the message", () => {
    const stream = tableToIPC(sampleTable(), "stream");
    const message = new Uint8Array(stream.byteLength + 7);
    message.set([0xc9, 0, 0, 0, 0, 8], 1);
    new DataView(message.buffer).setUint32(2, stream.byteLength);
    message.set(stream, 7);
    const back = codec.decode(message.subarray(1)) as Table;
    expect([...(back.getChild("ratio") ?? [])]).toEqual([0.5, 1.5, 2.5]);
  });

  it("writes a stream of 64 KB or more from its pieces: the same bytes as tableToIPC, in an ext 32, and the Table comes back", () => {
    const large = new Table({
      ratio: vectorFromArray(Array.from({ length: 20_000 }, (_, index) => index / 7), new Float64()),
      name: vectorFromArray(Array.from({ length: 20_000 }, (_, index) => `n${index}`), new Utf8()),
    });
    const stream = tableToIPC(large, "stream");
    expect(stream.byteLength).toBeGreaterThan(1 << 16);
    // The pieces are the Table's own buffers: the encoder copies each once, with no joined stream in between.
    const encoded = encodeArrowTable(large);
    expect(typeof encoded === "function" && encoded.parts.length > 2).toBe(true);
    expect(encodeArrowTable(sampleTable())).toBeInstanceOf(Uint8Array);
    const bytes = codec.encode(large);
    expect([...bytes.subarray(0, 6)]).toEqual([0xc9, ...new Uint8Array(new Uint32Array([stream.byteLength]).buffer).reverse(), 8]);
    expect(Buffer.compare(bytes.subarray(6), stream)).toBe(0);
    const back = codec.decode(bytes) as Table;
    expect(back.getChild("name")?.get(19_999)).toBe("n19999");
    expect(back.getChild("ratio")?.get(7)).toBe(1);
  });

  it("leaves other class instances to the refusal check", () => {
    class Table {
      schema = 1;
      batches = [];
    }
    expect(() => codec.encode(new Table())).toThrow(/instance of Table/);
  });
});
