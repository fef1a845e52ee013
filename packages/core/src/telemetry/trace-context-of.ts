import { INVALID_SPAN_CONTEXT, isSpanContextValid, type SpanContext } from "@opentelemetry/api";
import type { TraceContext } from "../model/trace-context.js";

/**
 * The W3C Trace Context of a span, formatted here rather than through the
 * global propagator: the worker speaks W3C whatever propagator the program
 * registered (B3, Jaeger or none at all), and this costs no carrier object
 * per call. Undefined for the invalid context of a no-op tracer, so that a
 * program without an OpenTelemetry SDK sends nothing extra.
 *
 * @example
 * traceContextOf(span.spanContext()); // { traceparent: "00-4bf9…-00f0…-01" }
 */
export function traceContextOf(spanContext: SpanContext): TraceContext | undefined {
  // The no-op tracer's span shares this one object: spotting it by identity skips validating two hex ids per call.
  if (spanContext === INVALID_SPAN_CONTEXT || !isSpanContextValid(spanContext)) return undefined;
  const flags = (spanContext.traceFlags & 0xff).toString(16).padStart(2, "0");
  const traceparent = `00-${spanContext.traceId}-${spanContext.spanId}-${flags}`;
  const tracestate = spanContext.traceState?.serialize();
  return tracestate ? { traceparent, tracestate } : { traceparent };
}
