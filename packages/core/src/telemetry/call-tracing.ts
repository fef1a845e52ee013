import type { AuditEntry } from "../facade/call-audit.js";
import type { CallRequest, TransportCallOptions } from "../model/call.js";
import type { TracedCall } from "./call-telemetry.js";
import { telemetryNames } from "./telemetry-names.js";

/*
 * What ties one facade call to its span: the trace context on the request
 * (so the worker's span becomes a child), the worker the transport chose (an
 * attribute of the span) and the span's ids on the audit entry (so log lines
 * and traces can be joined). Each is a no-op when the call is not traced.
 */

/** The request with the call span's trace context, so the worker's span becomes its child. */
export function withTrace<R extends CallRequest>(request: R, traced: TracedCall | undefined): R {
  return traced ? { ...request, trace: traced.trace } : request;
}

/** The options with a reporter that puts the worker(s) the transport chose on the call span. */
export function reportingWorker<O extends TransportCallOptions>(options: O, traced: TracedCall | undefined): O {
  if (!traced || !traced.span.isRecording()) return options;
  const workers: string[] = [];
  const onWorker = (workerId: string) => {
    if (!workers.includes(workerId)) workers.push(workerId);
    traced.span.setAttribute(telemetryNames.attributes.workerId, workers.length === 1 ? workerId : [...workers]);
  };
  return { ...options, onWorker };
}

/** The audit entry with the call span's ids, so log lines and traces can be joined. */
export function withTraceIds(entry: AuditEntry, traced: TracedCall | undefined): AuditEntry {
  if (!traced) return entry;
  const { traceId, spanId } = traced.span.spanContext();
  return { ...entry, traceId, spanId };
}
