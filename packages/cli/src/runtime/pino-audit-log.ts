import type { AuditOptions, CallAuditRecord } from "@snakepit/core";
import type { Logger } from "pino";

/**
 * An audit hook that writes one pino line per finished call: who asked,
 * what ran, how long it took and how it ended. Argument values are left out
 * unless `includeArguments` is set, because they can hold personal data or
 * secrets; failures log at warn so refusals and crashes stand out.
 *
 * @example
 * await using py = await startSnakepit({ config, audit: createPinoAuditLog(pino({ name: "snakepit-audit" })) });
 */
export function createPinoAuditLog(logger: Logger, options: { readonly caller?: string; readonly includeArguments?: boolean } = {}): AuditOptions {
  return {
    ...options,
    onCall: (record: CallAuditRecord) => {
      const { outcome, ...fields } = record;
      if (outcome === "ok") logger.info({ ...fields, outcome }, "snakepit call");
      else logger.warn({ ...fields, outcome }, "snakepit call failed");
    },
  };
}
