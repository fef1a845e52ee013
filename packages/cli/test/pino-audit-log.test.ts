import { Writable } from "node:stream";
import { pino } from "pino";
import { describe, expect, test } from "vitest";
import { createSnakepit } from "@snakepit/core";
import { InMemoryTransport } from "@snakepit/core/testing";
import { createPinoAuditLog } from "../src/runtime/pino-audit-log.js";

const secret = "card-4111-1111-1111-1111";

/** A pino logger writing JSON lines into an array. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ base: null }, sink), lines };
}

describe("createPinoAuditLog", () => {
  test("logs caller, path, duration and outcome, without argument values unless asked", async () => {
    const { logger, lines } = capturingLogger();
    const transport = new InMemoryTransport({ "payments.charge": (card: string) => card.length });
    const py = createSnakepit({ transport, audit: createPinoAuditLog(logger, { caller: "checkout" }) });
    await py.call("payments.charge", [secret], { card: secret });
    await py.call("os.system", [secret]).catch(() => undefined);
    expect(lines).toMatchObject([
      { level: 30, msg: "snakepit call", label: "checkout", path: "payments.charge", kind: "call", outcome: "ok", durationMs: expect.any(Number) },
      { level: 40, msg: "snakepit call failed", path: "os.system", outcome: "NOT_ALLOWED" },
    ]);
    expect(JSON.stringify(lines)).not.toContain(secret);

    const verbose = capturingLogger();
    const withArguments = createSnakepit({ transport, audit: createPinoAuditLog(verbose.logger, { includeArguments: true }) });
    await withArguments.call("payments.charge", [secret]);
    expect(verbose.lines[0]).toMatchObject({ args: [secret] });
  });
});
