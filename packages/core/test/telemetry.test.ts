import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { AggregationTemporality, DataPointType, MeterProvider, MetricReader, type HistogramMetricData, type MetricData } from "@opentelemetry/sdk-metrics";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { describe, expect, test } from "vitest";
import { createSnakepit, pipelineTarget, PythonError, telemetryNames, type CallAuditRecord } from "../src/index.js";
import { InMemoryCache, InMemoryTransport } from "../src/testing/index.js";

/** A reader the test pulls from: collect() returns what the meter holds now. */
class PullMetricReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  protected override async onShutdown(): Promise<void> {}
  protected override async onForceFlush(): Promise<void> {}
}

function tracedSnakepit(options: { readonly cache?: boolean } = {}) {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const reader = new PullMetricReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  const records: CallAuditRecord[] = [];
  const transport = new InMemoryTransport({
    "math.sqrt": (value: number) => {
      if (value < 0) throw new PythonError({ target: "math.sqrt", pythonType: "ValueError", pythonModule: "builtins", pythonMessage: "math domain error", traceback: "" });
      return Math.sqrt(value);
    },
    "itertools.count": function* (limit: number) {
      for (let index = 0; index < limit; index += 1) yield index;
    },
  });
  const py = createSnakepit({
    transport,
    telemetry: { tracerProvider, meterProvider },
    audit: { onCall: (record) => records.push(record) },
    ...(options.cache ? { cache: new InMemoryCache() } : {}),
  });
  const metric = async (name: string): Promise<MetricData | undefined> => {
    const { resourceMetrics } = await reader.collect();
    return resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics).find((candidate) => candidate.descriptor.name === name);
  };
  return { py, transport, spans: () => exporter.getFinishedSpans(), metric, records };
}

const traceparentOf = (span: ReadableSpan) => `00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`;

describe("call spans", () => {
  test("one client span per call, its trace context on the request, its ids on the audit record", async () => {
    const { py, transport, spans, records } = tracedSnakepit();
    expect(await py.call("math.sqrt", [16])).toBe(4);
    const [span] = spans();
    expect(span?.name).toBe("snakepit.call math.sqrt");
    expect(span?.kind).toBe(SpanKind.CLIENT);
    expect(span?.attributes).toMatchObject({ "snakepit.call.kind": "call", "snakepit.target": "math.sqrt", "snakepit.outcome": "ok", "snakepit.worker.id": "in-memory" });
    expect(span?.status.code).toBe(SpanStatusCode.UNSET);
    expect(transport.calls[0]?.trace).toEqual({ traceparent: traceparentOf(span!) });
    expect(records[0]).toMatchObject({ traceId: span?.spanContext().traceId, spanId: span?.spanContext().spanId });
  });

  test("a Python exception is recorded on the span with its type, and the call still rejects with it", async () => {
    const { py, spans } = tracedSnakepit();
    await expect(py.call("math.sqrt", [-1])).rejects.toBeInstanceOf(PythonError);
    const [span] = spans();
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
    expect(span?.status.message).toContain("math domain error");
    expect(span?.attributes).toMatchObject({ "snakepit.outcome": "PYTHON_EXCEPTION", "error.type": "ValueError" });
    expect(span?.events.map((event) => event.name)).toEqual(["exception"]);
  });

  test("a refused call is a failed span too, and nothing reaches the transport", async () => {
    const { py, transport, spans } = tracedSnakepit();
    await expect(py.call("os.system", ["true"])).rejects.toThrow(/os\.system/);
    expect(spans()[0]?.attributes).toMatchObject({ "snakepit.outcome": "NOT_ALLOWED", "error.type": "NOT_ALLOWED" });
    expect(transport.calls).toEqual([]);
  });

  test("every call of a batch carries the batch span's context; the span counts the calls", async () => {
    const { py, transport, spans } = tracedSnakepit();
    await py.batch([{ path: "math.sqrt", args: [4] }, { path: "math.sqrt", args: [9] }]);
    const [span] = spans();
    expect(span?.name).toBe("snakepit.batch");
    expect(span?.attributes).toMatchObject({ "snakepit.call.kind": "batch", "snakepit.batch.size": 2, "snakepit.worker.id": "in-memory" });
    expect(transport.calls.map((call) => call.trace?.traceparent)).toEqual([traceparentOf(span!), traceparentOf(span!)]);
  });

  test("coalesced calls get a span each; their one message carries the first call's context", async () => {
    const { py, transport, spans } = tracedSnakepit();
    await Promise.all([py.call("math.sqrt", [4], {}, { coalesce: true }), py.call("math.sqrt", [9], {}, { coalesce: true })]);
    expect(spans().map((span) => span.name)).toEqual(["snakepit.call math.sqrt", "snakepit.call math.sqrt"]);
    expect(transport.calls.map((call) => [call.target, call.trace?.traceparent])).toEqual([[pipelineTarget, traceparentOf(spans()[0]!)]]);
  });

  test("a stream's span lasts until the stream ends and its context goes with the request", async () => {
    const { py, transport, spans } = tracedSnakepit();
    const items: number[] = [];
    for await (const item of py.stream<number>("itertools.count", [3])) {
      items.push(item);
      expect(spans()).toEqual([]);
    }
    expect(items).toEqual([0, 1, 2]);
    const [span] = spans();
    expect(span?.name).toBe("snakepit.stream itertools.count");
    expect(transport.calls[0]?.trace?.traceparent).toBe(traceparentOf(span!));
  });

  test("pipeline and remote-object methods get spans of their own", async () => {
    const { py, spans } = tracedSnakepit();
    await py.pipeline((p) => p.call("math.sqrt", [p.call("math.sqrt", [16])]));
    expect(spans().map((span) => [span.name, span.attributes["snakepit.batch.size"]])).toEqual([["snakepit.pipeline", 2]]);
  });

  test("a cache hit is marked on the span", async () => {
    const { py, spans } = tracedSnakepit({ cache: true });
    await py.call("math.sqrt", [16], {}, { pure: true });
    await py.call("math.sqrt", [16], {}, { pure: true });
    expect(spans().map((span) => span.attributes["snakepit.cache.hit"])).toEqual([false, true]);
  });

  test("without an SDK nothing is traced and requests carry no trace context", async () => {
    const transport = new InMemoryTransport({ "math.sqrt": Math.sqrt });
    const records: CallAuditRecord[] = [];
    const py = createSnakepit({ transport, audit: { onCall: (record) => records.push(record) } });
    expect(await py.call("math.sqrt", [9])).toBe(3);
    expect(transport.calls[0]).not.toHaveProperty("trace");
    // Nothing is traced, so the transport is not even asked which worker ran the call.
    const seen: unknown[] = [];
    const spy = new InMemoryTransport({ "math.sqrt": Math.sqrt });
    const originalCall = spy.call.bind(spy);
    spy.call = (request, options) => (seen.push(options?.onWorker), originalCall(request, options));
    await createSnakepit({ transport: spy }).call("math.sqrt", [4]);
    expect(seen).toEqual([undefined]);
    expect(records[0]).not.toHaveProperty("traceId");
  });
});

describe("call metrics", () => {
  test("calls are counted by kind, target and outcome, and their durations recorded in seconds", async () => {
    const { py, metric } = tracedSnakepit();
    await py.call("math.sqrt", [4]);
    await py.call("math.sqrt", [9]);
    await py.call("math.sqrt", [-1]).catch(() => undefined);
    const calls = await metric(telemetryNames.metrics.calls);
    expect(calls?.dataPoints.map((point) => [point.attributes, point.value])).toEqual([
      [{ "snakepit.call.kind": "call", "snakepit.target": "math.sqrt", "snakepit.outcome": "ok" }, 2],
      [{ "snakepit.call.kind": "call", "snakepit.target": "math.sqrt", "snakepit.outcome": "PYTHON_EXCEPTION" }, 1],
    ]);
    const duration = (await metric(telemetryNames.metrics.callDuration)) as HistogramMetricData | undefined;
    expect(duration?.dataPointType).toBe(DataPointType.HISTOGRAM);
    expect(duration?.descriptor.unit).toBe("s");
    expect(duration?.dataPoints.map((point) => point.value.count)).toEqual([2, 1]);
  });

  test("metrics are recorded with a meter provider alone, when nothing is traced", async () => {
    const reader = new PullMetricReader();
    const transport = new InMemoryTransport({ "math.sqrt": Math.sqrt });
    const py = createSnakepit({ transport, telemetry: { meterProvider: new MeterProvider({ readers: [reader] }) } });
    await py.call("math.sqrt", [4]);
    const { resourceMetrics } = await reader.collect();
    const calls = resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics).find((metric) => metric.descriptor.name === telemetryNames.metrics.calls);
    expect(calls?.dataPoints.map((point) => point.value)).toEqual([1]);
    expect(transport.calls[0]).not.toHaveProperty("trace");
  });

  test("batches are counted without their targets, so one metric series per outcome", async () => {
    const { py, metric } = tracedSnakepit();
    await py.batch([{ path: "math.sqrt", args: [4] }]);
    const calls = await metric(telemetryNames.metrics.calls);
    expect(calls?.dataPoints.map((point) => point.attributes)).toEqual([{ "snakepit.call.kind": "batch", "snakepit.outcome": "ok" }]);
  });

  test("cache hits, misses and joined calls are observed from the cache's counters", async () => {
    const { py, metric } = tracedSnakepit({ cache: true });
    await Promise.all([py.call("math.sqrt", [16], {}, { pure: true }), py.call("math.sqrt", [16], {}, { pure: true })]);
    await py.call("math.sqrt", [16], {}, { pure: true });
    const valueOf = async (name: string) => (await metric(name))?.dataPoints[0]?.value;
    expect(await valueOf(telemetryNames.metrics.cacheHits)).toBe(1);
    expect(await valueOf(telemetryNames.metrics.cacheMisses)).toBe(1);
    expect(await valueOf(telemetryNames.metrics.cacheJoined)).toBe(1);
  });
});
