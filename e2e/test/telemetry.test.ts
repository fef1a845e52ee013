import { fileURLToPath } from "node:url";
import { SpanStatusCode } from "@opentelemetry/api";
import { AggregationTemporality, MeterProvider, MetricReader } from "@opentelemetry/sdk-metrics";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { UvEnvironmentManager } from "@snakepit/adapter-uv";
import { CallAllowlist, createSnakepit, defineConfig, PythonError, telemetryNames, type Snakepit } from "@snakepit/core";
import { poolMetricNames, PythonWorkerPool } from "@snakepit/port-python";
import { createGrpcTransport } from "@snakepit/transport-grpc";
import { environmentSpecFor, sharedToolsDir } from "snakepit";

/** A Python span as `snakepit_bridge.telemetry.finished_spans()` returns it. */
interface PythonSpan {
  readonly name: string;
  readonly trace_id: string;
  readonly span_id: string;
  readonly parent_span_id: string;
  readonly status: string;
  readonly attributes: Record<string, unknown>;
  readonly events: { readonly name: string; readonly attributes: Record<string, unknown> }[];
}

const finishedSpans = "snakepit_bridge.telemetry.finished_spans";
// The bridge's own modules are always refused; this test alone grants the helper, by exact path.
const allowlist = CallAllowlist.fromConfig({ mode: "dynamic", allow: ["*", finishedSpans] });
const exporter = new InMemorySpanExporter();
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

/** A reader the test pulls from: collect() returns what the meters hold now. */
class PullMetricReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  protected override async onShutdown(): Promise<void> {}
  protected override async onForceFlush(): Promise<void> {}
}
const reader = new PullMetricReader();
const meterProvider = new MeterProvider({ readers: [reader] });
let pool: PythonWorkerPool;
let py: Snakepit;

// Its own environment: the shared one has no OpenTelemetry, and the worker must have the SDK.
beforeAll(async () => {
  const config = defineConfig({ python: "3.11", environment: { name: "e2e-telemetry" }, libraries: {} });
  const projectDir = fileURLToPath(new URL("..", import.meta.url));
  const environment = await new UvEnvironmentManager({ toolsDir: sharedToolsDir() }).ensure(environmentSpecFor(config, projectDir, ["opentelemetry-sdk>=1.20"]));
  pool = await PythonWorkerPool.start({
    pythonPath: environment.pythonPath,
    // Framed: calls and batches take the hand-written frame codec, the lane most calls use.
    transportFactory: (endpoint) => createGrpcTransport({ ...endpoint, implementation: "framed" }),
    workers: 1,
    env: { SNAKEPIT_OTEL_EXPORTER: "memory" },
    security: allowlist.policy,
    meterProvider,
  });
  py = createSnakepit({ transport: pool, allowlist, telemetry: { tracerProvider, meterProvider } });
});

afterAll(async () => {
  await py?.close();
  await pool?.close();
});

async function pythonSpans(name: string): Promise<PythonSpan[]> {
  const spans = await py.call<PythonSpan[]>(finishedSpans);
  return spans.filter((span) => span.name === name);
}

function tsSpan(name: string): ReadableSpan {
  const spans = exporter.getFinishedSpans().filter((span) => span.name === name);
  expect(spans).toHaveLength(1);
  return spans[0]!;
}

describe("one trace across TypeScript and Python", () => {
  test("the worker's span is a child of the TS call span: same trace id, parent = the call span", async () => {
    expect(await py.call("math.hypot", [3, 4])).toBe(5);
    const call = tsSpan("snakepit.call math.hypot");
    const [run] = await pythonSpans("snakepit.run math.hypot");
    expect(run?.trace_id).toBe(call.spanContext().traceId);
    expect(run?.parent_span_id).toBe(call.spanContext().spanId);
    expect(run?.span_id).not.toBe(call.spanContext().spanId);
    expect(run?.attributes).toMatchObject({ "snakepit.target": "math.hypot", "snakepit.call.kind": "call", "snakepit.worker.pid": pool.pids[0] });
    const [worker] = (await pool.health()).endpoints;
    expect(call.attributes["snakepit.worker.id"]).toBe(worker?.id);
  });

  test("a Python exception is recorded on both spans", async () => {
    const failure = await py.call("math.sqrt", [-1]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PythonError);
    const call = tsSpan("snakepit.call math.sqrt");
    expect(call.status.code).toBe(SpanStatusCode.ERROR);
    expect(call.attributes["error.type"]).toBe("ValueError");
    expect(call.events.map((event) => event.name)).toEqual(["exception"]);
    const [run] = await pythonSpans("snakepit.run math.sqrt");
    expect(run?.parent_span_id).toBe(call.spanContext().spanId);
    expect(run?.status).toBe("ERROR");
    expect(run?.events[0]?.attributes).toMatchObject({ "exception.type": "ValueError", "exception.message": "math domain error" });
  });

  test("every call of a batch runs in a span under the batch span", async () => {
    const outcomes = await py.batch([{ path: "math.factorial", args: [5] }, { path: "math.factorial", args: [6] }]);
    expect(outcomes.map((outcome) => (outcome.status === "fulfilled" ? outcome.value : outcome.reason))).toEqual([120, 720]);
    const batch = tsSpan("snakepit.batch");
    const runs = await pythonSpans("snakepit.run math.factorial");
    expect(runs.map((run) => [run.trace_id, run.parent_span_id])).toEqual([
      [batch.spanContext().traceId, batch.spanContext().spanId],
      [batch.spanContext().traceId, batch.spanContext().spanId],
    ]);
  });

  test("a uniform batch travels as one MAP call: one Python span under the batch span", async () => {
    const outcomes = await py.batch([1, 2, 3, 4, 5].map((value) => ({ path: "math.isqrt", args: [value * value] })));
    expect(outcomes.map((outcome) => (outcome.status === "fulfilled" ? outcome.value : outcome.reason))).toEqual([1, 2, 3, 4, 5]);
    const batch = exporter.getFinishedSpans().filter((span) => span.name === "snakepit.batch").at(-1);
    const runs = await pythonSpans("snakepit.run math.isqrt");
    expect(runs.map((run) => [run.trace_id, run.parent_span_id, run.attributes["snakepit.call.kind"]])).toEqual([
      [batch?.spanContext().traceId, batch?.spanContext().spanId, "map"],
    ]);
  });

  test("a stream runs in one Python span under the TS stream span; a failing one is recorded on both", async () => {
    const items: number[] = [];
    for await (const item of py.stream<number>("builtins.range", [3])) items.push(item);
    expect(items).toEqual([0, 1, 2]);
    const stream = tsSpan("snakepit.stream builtins.range");
    const [run] = await pythonSpans("snakepit.stream builtins.range");
    expect([run?.trace_id, run?.parent_span_id, run?.status]).toEqual([stream.spanContext().traceId, stream.spanContext().spanId, "UNSET"]);

    await expect(async () => {
      for await (const item of py.stream("math.sqrt", [4])) void item;
    }).rejects.toThrow(/not iterable/);
    const failed = tsSpan("snakepit.stream math.sqrt");
    expect(failed.status.code).toBe(SpanStatusCode.ERROR);
    const [failedRun] = await pythonSpans("snakepit.stream math.sqrt");
    expect([failedRun?.parent_span_id, failedRun?.status]).toEqual([failed.spanContext().spanId, "ERROR"]);
    expect(failedRun?.events[0]?.attributes["exception.type"]).toBe("TypeError");
  });

  test("calls are counted by target and outcome, and the pool reports its ready workers", async () => {
    const { resourceMetrics } = await reader.collect();
    const all = resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics);
    const calls = all.find((metric) => metric.descriptor.name === telemetryNames.metrics.calls);
    const pointFor = (target: string, outcome: string) => calls?.dataPoints.find((point) => point.attributes["snakepit.call.kind"] === "call" && point.attributes["snakepit.target"] === target && point.attributes["snakepit.outcome"] === outcome)?.value;
    expect(pointFor("math.hypot", "ok")).toBe(1);
    expect(pointFor("math.sqrt", "PYTHON_EXCEPTION")).toBe(1);
    const ready = all.find((metric) => metric.descriptor.name === poolMetricNames.readyWorkers);
    expect(ready?.dataPoints.map((point) => point.value)).toEqual([1]);
  });

  test("a program without an SDK sends no trace context, and the worker makes no span for its calls", async () => {
    // Not closed: closing a Snakepit closes its transport, and the pool is shared with the other tests.
    const untraced = createSnakepit({ transport: pool, allowlist });
    expect(await untraced.call("math.gcd", [12, 18])).toBe(6);
    expect(await pythonSpans("snakepit.run math.gcd")).toEqual([]);
  });
});
