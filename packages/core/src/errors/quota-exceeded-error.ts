import { SnakepitError } from "./snakepit-error.js";

/** Which part of a tenant's quota a call ran into. */
export type QuotaLimit = "maxConcurrent" | "maxQueued" | "rate";

/**
 * A tenant used up its share (config `tenants.<name>.quota`); the call was
 * refused before it reached a worker, so other tenants never feel the load.
 */
export class QuotaExceededError extends SnakepitError {
  readonly code = "QUOTA_EXCEEDED";
  constructor(readonly tenant: string, readonly limit: QuotaLimit, readonly target: string, detail: string, options?: ErrorOptions) {
    super(`${target} was refused: tenant "${tenant}" is over its quota.${limit} (${detail}). Slow this tenant's callers down, or raise tenants.${tenant}.quota.${limit} in snakepit.config.ts.`, options);
  }
}
