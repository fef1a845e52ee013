import { Writable } from "node:stream";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { pino } from "pino";
import { expect, test } from "vitest";
import { createSnakepit } from "@snakepit/core";
import { InMemoryTransport } from "@snakepit/core/testing";
import { createPinoAuditLog } from "../src/runtime/pino-audit-log.js";

test("audit lines carry the call span's trace_id and span_id when the call was traced, and none otherwise", async () => {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const audit = createPinoAuditLog(pino({ base: null }, sink));
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const transport = new InMemoryTransport({ "math.sqrt": Math.sqrt });
  await createSnakepit({ transport, audit, telemetry: { tracerProvider } }).call("math.sqrt", [4]);
  await createSnakepit({ transport, audit }).call("math.sqrt", [9]);
  const [span] = exporter.getFinishedSpans();
  expect(lines[0]).toMatchObject({ path: "math.sqrt", trace_id: span?.spanContext().traceId, span_id: span?.spanContext().spanId });
  expect(lines[1]).not.toHaveProperty("trace_id");
  expect(lines[1]).not.toHaveProperty("traceId");
});
