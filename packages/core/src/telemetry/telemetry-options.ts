import type { MeterProvider, TracerProvider } from "@opentelemetry/api";

/**
 * Where a Snakepit reports spans and metrics. Both default to the global
 * providers of `@opentelemetry/api`, which do nothing until the program
 * registers an OpenTelemetry SDK; passing providers explicitly suits tests
 * and programs that keep several.
 *
 * The global meter provider is read when the Snakepit is created (the
 * metrics API has no late-binding proxy, unlike tracing): register the SDK
 * before `startSnakepit`/`createSnakepit`, or pass `meterProvider`.
 */
export interface TelemetryOptions {
  /** Default: `trace.getTracerProvider()`. */
  readonly tracerProvider?: TracerProvider;
  /** Default: `metrics.getMeterProvider()`. */
  readonly meterProvider?: MeterProvider;
}
