import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { NDArray, Snakepit } from "@snakepit/core";
import { fixturesEnv } from "../support/fixtures.js";
import { startSnakepitOnPool } from "../support/pool.js";

// The worker's gRPC limit is 256 MB per message (snakepit_bridge serve --max-message-mb).
const aboveTheLimitMb = 272;

describe("results larger than the gRPC message limit", () => {
  let py: Snakepit;

  beforeAll(async () => {
    ({ py } = await startSnakepitOnPool("grpc-js", { env: fixturesEnv, workers: 1 }));
  });
  afterAll(async () => {
    await py.close();
  });

  test("{ chunked: true } streams a 272 MB bytes result in parts", async () => {
    const bytes = await py.call<Uint8Array>("optimizer_fixtures.big_bytes", [aboveTheLimitMb], {}, { chunked: true });
    expect(bytes.byteLength).toBe(aboveTheLimitMb << 20);
    expect([bytes[0], bytes[255], bytes[256], bytes.at(-1)]).toEqual([0, 255, 0, 255]);
  });

  test("a pure call falls back to parts by itself, and the worker keeps serving", async () => {
    const bytes = await py.call<Uint8Array>("optimizer_fixtures.big_bytes", [aboveTheLimitMb], {}, { pure: true });
    expect(bytes.byteLength).toBe(aboveTheLimitMb << 20);
    expect(await py.call("math.sqrt", [9])).toBe(3);
  });

  test("a large NDArray comes back in parts with its dtype and shape", async () => {
    const array = await py.call<NDArray>("numpy.ones", [[1_000, 1_000]], { dtype: "float32" }, { chunked: true });
    expect(array.dtype).toBe("float32");
    expect(array.shape).toEqual([1_000, 1_000]);
    expect(array.data[999_999]).toBe(1);
  });
});
