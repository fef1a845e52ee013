/**
 * Names of the spans, metrics and attributes Snakepit reports, in one place:
 * dashboards and alerts depend on them, so they change only on purpose.
 * Attribute names follow OpenTelemetry's conventions where one exists
 * (`error.type`), and live under `snakepit.` otherwise.
 */
export const telemetryNames = {
  /** Instrumentation scope of the tracer and meter. */
  scope: "@snakepit/core",
  spans: {
    /** Prefix of every call span; the target follows: "snakepit.call numpy.mean". */
    call: "snakepit.call",
    batch: "snakepit.batch",
    pipeline: "snakepit.pipeline",
    stream: "snakepit.stream",
  },
  metrics: {
    /** Counter of finished calls, by kind, target and outcome. */
    calls: "snakepit.calls",
    /** Histogram of call durations in seconds, from the facade's point of view (queueing included). */
    callDuration: "snakepit.call.duration",
    /** Observable counters of the result cache. */
    cacheHits: "snakepit.cache.hits",
    cacheMisses: "snakepit.cache.misses",
    /** Calls that joined an identical call already in flight. */
    cacheJoined: "snakepit.cache.joined",
  },
  attributes: {
    /** What the facade was asked: call, create, getattr, method, stream, batch, pipeline. */
    kind: "snakepit.call.kind",
    /** Dotted path ("numpy.mean"), or "<pythonType>.method" for a remote object. */
    target: "snakepit.target",
    /** "ok", or the error's code ("PYTHON_EXCEPTION", "TIMEOUT", "NOT_ALLOWED"…). */
    outcome: "snakepit.outcome",
    /** Error class: the Python exception's qualified type, else the Snakepit error code. */
    errorType: "error.type",
    /** Number of calls in a batch or steps in a pipeline. */
    batchSize: "snakepit.batch.size",
    /** The result came from the result cache (or joined an identical call in flight). */
    cacheHit: "snakepit.cache.hit",
    /** Worker (endpoint id) that ran the call, as the transport reports it; a list for a batch spread over several. */
    workerId: "snakepit.worker.id",
  },
} as const;
