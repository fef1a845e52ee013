import { canonicalHash, type Catalog } from "@snakepit/core";

/**
 * Fingerprint of the declared libraries. Stored in the lock so `generate`
 * can tell that the configuration changed since the last `sync`.
 */
export function catalogHash(catalog: Catalog): string {
  return canonicalHash(catalog);
}
