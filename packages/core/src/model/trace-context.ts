/**
 * W3C Trace Context of the span a call runs under
 * (https://www.w3.org/TR/trace-context/). It travels with the call so that
 * the worker's span becomes a child of the caller's: one trace across Node
 * and Python. Absent when nothing is traced.
 */
export interface TraceContext {
  /** "00-<32 hex trace id>-<16 hex span id>-<2 hex flags>". */
  readonly traceparent: string;
  /** Vendor entries of the same trace ("key=value,key=value"); absent when empty. */
  readonly tracestate?: string;
}
