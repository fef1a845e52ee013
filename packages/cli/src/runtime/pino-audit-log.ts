import type { AuditOptions, CallAuditRecord } from "@snakepit/core";
import type { Logger } from "pino";

/**
 * An audit hook that writes one pino line per finished call: who asked,
 * what ran, how long it took and how it ended. Argument values are left out
 * unless `includeArguments` is set, because they can hold personal data or
 * secrets; failures log at warn so refusals and crashes stand out. When the
 * call's OpenTelemetry span was recorded, the line carries its `trace_id` and
 * `span_id`.
 *
 * @example
 * await using py = await startSnakepit({ config, audit: createPinoAuditLog(pino({ name: "snakepit-audit" })) });
 */
export function createPinoAuditLog(logger: Logger, options: { readonly caller?: string; readonly includeArguments?: boolean } = {}): AuditOptions {
  return {
    ...options,
    onCall: (record: CallAuditRecord) => {
      const { outcome, traceId, spanId, ...fields } = record;
      // OpenTelemetry's names for log records, so a log backend links the line to the call's trace.
      const line = traceId && spanId ? { ...fields, trace_id: traceId, span_id: spanId, outcome } : { ...fields, outcome };
      if (outcome === "ok") logger.info(line, "snakepit call");
      else logger.warn(line, "snakepit call failed");
    },
  };
}
