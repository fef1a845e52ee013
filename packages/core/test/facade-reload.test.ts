import { describe, expect, test } from "vitest";
import { createSnakepit, TransportError } from "../src/index.js";
import { InMemoryTransport } from "../src/testing/index.js";

describe("Snakepit.reload", () => {
  test("runs the runtime's restart", async () => {
    let restarts = 0;
    const py = createSnakepit({ transport: new InMemoryTransport({}), onReload: async () => { restarts++; } });
    await py.reload();
    expect(restarts).toBe(1);
  });

  test("on a bare transport it says there is nothing to restart and what to use instead", async () => {
    const py = createSnakepit({ transport: new InMemoryTransport({}) });
    await expect(py.reload()).rejects.toThrow(TransportError);
    await expect(py.reload()).rejects.toThrow(/nothing to restart.*startSnakepit\(\)/);
  });
});
