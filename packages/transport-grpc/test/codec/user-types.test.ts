import { decode, encode, ExtData } from "@msgpack/msgpack";
import { CodecError, TypeRegistry, typeRegistry } from "@snakepit/core";
import { afterEach, describe, expect, it } from "vitest";
import { ExtensionType } from "../../src/codec/extension-types.js";
import { PayloadCodec } from "../../src/codec/payload-codec.js";

class Point {
  constructor(readonly x: number, readonly y: number) {}
}

const pointType = {
  name: "geometry.Point",
  pythonType: "geometry_fixtures.Point",
  tsType: "Point",
  is: (value: unknown): value is Point => value instanceof Point,
  toWire: (point: Point) => [point.x, point.y],
  fromWire: (data: unknown) => {
    const [x, y] = data as [number, number];
    return new Point(x, y);
  },
};

describe("user types (ext 12)", () => {
  afterEach(() => typeRegistry.unregister(pointType.name));

  it("round trips a registered class through bytes, nested in containers", () => {
    typeRegistry.register(pointType);
    const codec = new PayloadCodec("w1");
    const bytes = codec.encode({ points: [new Point(1, 2), new Point(3.5, -4)], one: new Point(0, 0) });
    const back = codec.decode(bytes) as { points: Point[]; one: Point };
    expect(back.points[0]).toBeInstanceOf(Point);
    expect(back).toEqual({ points: [new Point(1, 2), new Point(3.5, -4)], one: new Point(0, 0) });
  });

  it("puts [name, data] in ext 12 on the wire", () => {
    typeRegistry.register(pointType);
    const bytes = new PayloadCodec("w1").encode(new Point(1, 2));
    const ext = decode(bytes) as ExtData;
    expect(ext).toBeInstanceOf(ExtData);
    expect(ext.type).toBe(ExtensionType.userType);
    expect(decode(ext.data as Uint8Array)).toEqual(["geometry.Point", [1, 2]]);
  });

  it("refuses ext 12 with a name nobody registered, naming the type", () => {
    const bytes = encode(new ExtData(12, encode(["geometry.Unknown", [1]])));
    expect(() => new PayloadCodec("w1").decode(bytes)).toThrow(CodecError);
    expect(() => new PayloadCodec("w1").decode(bytes)).toThrow(/"geometry\.Unknown".*register it/);
  });

  it("still refuses instances of an unregistered class, suggesting registration", () => {
    expect(() => new PayloadCodec("w1").encode(new Point(1, 2))).toThrow(/instance of Point.*typeRegistry\.register/);
  });

  it("uses a registry passed to the codec instead of the process-wide one", () => {
    const own = new TypeRegistry().register(pointType);
    const codec = new PayloadCodec("w1", own);
    expect(codec.decode(codec.encode(new Point(5, 6)))).toEqual(new Point(5, 6));
    expect(() => new PayloadCodec("w1").encode(new Point(5, 6))).toThrow(CodecError);
    expect(own.tsTypeMap().get("geometry_fixtures.Point")).toEqual({ tsType: "Point" });
  });
});
