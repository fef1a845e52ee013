import { context, createNoopMeter, metrics, SpanKind, SpanStatusCode, trace, type Attributes, type Counter, type Histogram, type Meter, type Span, type Tracer } from "@opentelemetry/api";
import { PythonError, SnakepitError } from "../errors/index.js";
import type { TraceContext } from "../model/trace-context.js";
import { telemetryNames } from "./telemetry-names.js";
import type { TelemetryOptions } from "./telemetry-options.js";
import { traceContextOf } from "./trace-context-of.js";

/** What the facade knows when a call starts. */
export interface TelemetryEntry {
  /** Dotted path, `<pythonType>.method`, or the batch's paths. */
  readonly path: string;
  readonly kind: "call" | "create" | "getattr" | "stream" | "batch" | "pipeline" | "method";
  /** Calls of a batch, steps of a pipeline. */
  readonly batchSize?: number;
}

/** A call's span, handed to the work it wraps; absent when nothing is traced. */
export interface TracedCall {
  readonly span: Span;
  /** What goes on the wire so that the worker's span is a child of `span`. */
  readonly trace: TraceContext;
}

const { spans, metrics: names, attributes } = telemetryNames;

/** Buckets in seconds: from a fast local call (~100 µs) to a long computation. */
const durationBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * One span and one pair of metric points per facade call. Lives in core on
 * `@opentelemetry/api` alone, the vendor-neutral API meant for libraries:
 * without a registered SDK every instrument is a no-op and the call path
 * only pays a non-recording span (no context switch, nothing on the wire).
 * The program brings the SDK and the exporters.
 *
 * @example
 * createSnakepit({ transport, telemetry: { tracerProvider, meterProvider } });
 */
export class CallTelemetry {
  readonly meter: Meter;
  readonly #tracer: Tracer;
  readonly #calls: Counter;
  readonly #duration: Histogram;
  /** False for the no-op meter (no SDK): then no clock is read and no instrument called. */
  readonly #measuring: boolean;

  constructor(options: TelemetryOptions = {}) {
    this.#tracer = (options.tracerProvider ?? trace.getTracerProvider()).getTracer(telemetryNames.scope);
    this.meter = (options.meterProvider ?? metrics.getMeterProvider()).getMeter(telemetryNames.scope);
    this.#calls = this.meter.createCounter(names.calls, { description: "Calls finished by the Snakepit facade", unit: "{call}" });
    this.#duration = this.meter.createHistogram(names.callDuration, {
      description: "Duration of facade calls, queueing included",
      unit: "s",
      advice: { explicitBucketBoundaries: durationBuckets },
    });
    this.#measuring = this.meter !== createNoopMeter();
  }

  /** Runs `work` inside the call's span (active while it starts) and records how it ended. */
  track<T>(entry: TelemetryEntry, work: (traced: TracedCall | undefined) => Promise<T>): Promise<T> {
    const span = this.#startSpan(entry);
    const traced = tracedCall(span);
    // Nothing to report (no SDK): the call path stays what it was without telemetry.
    if (!traced && !this.#measuring && !span.isRecording()) return work(undefined);
    const started = performance.now();
    let running: Promise<T>;
    try {
      // Making the span current lets the program's own instrumentation (a Redis cache, logs) nest under it.
      running = traced ? context.with(trace.setSpan(context.active(), span), work, undefined, traced) : work(undefined);
    } catch (error) {
      running = Promise.reject(error as Error);
    }
    return running.then(
      (value) => {
        this.#finish(entry, span, started, undefined);
        return value;
      },
      (error: unknown) => {
        this.#finish(entry, span, started, error);
        throw error;
      },
    );
  }

  /** The same for a stream: the span lasts until the stream ends, fails or is abandoned. */
  async *trackStream<T>(entry: TelemetryEntry, open: (traced: TracedCall | undefined) => AsyncIterable<T>): AsyncGenerator<T> {
    const span = this.#startSpan(entry);
    const traced = tracedCall(span);
    if (!traced && !this.#measuring && !span.isRecording()) return yield* open(undefined);
    const started = performance.now();
    let failure: unknown;
    try {
      yield* open(traced);
    } catch (error) {
      failure = error ?? new Error("stream failed");
      throw error;
    } finally {
      this.#finish(entry, span, started, failure);
    }
  }

  #startSpan(entry: TelemetryEntry): Span {
    const span = this.#tracer.startSpan(spanName(entry), { kind: SpanKind.CLIENT });
    if (span.isRecording()) {
      span.setAttribute(attributes.kind, entry.kind);
      span.setAttribute(attributes.target, entry.path);
      if (entry.batchSize !== undefined) span.setAttribute(attributes.batchSize, entry.batchSize);
    }
    return span;
  }

  #finish(entry: TelemetryEntry, span: Span, started: number, error: unknown): void {
    const outcome = error === undefined ? "ok" : outcomeOf(error);
    const metricAttributes: Attributes = entry.kind === "batch" || entry.kind === "pipeline"
      ? { [attributes.kind]: entry.kind, [attributes.outcome]: outcome }
      : { [attributes.kind]: entry.kind, [attributes.target]: entry.path, [attributes.outcome]: outcome };
    if (this.#measuring) {
      this.#calls.add(1, metricAttributes);
      this.#duration.record((performance.now() - started) / 1000, metricAttributes);
    }
    if (span.isRecording()) {
      span.setAttribute(attributes.outcome, outcome);
      if (error !== undefined) {
        span.setAttribute(attributes.errorType, errorTypeOf(error));
        if (error instanceof Error) span.recordException(error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message.split("\n", 1)[0] ?? "" : String(error) });
      }
    }
    span.end();
  }
}

function tracedCall(span: Span): TracedCall | undefined {
  const traceContext = traceContextOf(span.spanContext());
  return traceContext ? { span, trace: traceContext } : undefined;
}

function spanName(entry: TelemetryEntry): string {
  switch (entry.kind) {
    case "batch":
      return spans.batch;
    case "pipeline":
      return spans.pipeline;
    case "stream":
      return `${spans.stream} ${entry.path}`;
    default:
      return `${spans.call} ${entry.path}`;
  }
}

function outcomeOf(error: unknown): string {
  return error instanceof SnakepitError ? error.code : "ERROR";
}

/** The Python exception's qualified type when Python raised, else the Snakepit error code or the error's name. */
function errorTypeOf(error: unknown): string {
  if (error instanceof PythonError) return error.qualifiedType;
  if (error instanceof SnakepitError) return error.code;
  return error instanceof Error ? error.name : typeof error;
}
