const units: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Parses "250ms", "30s", "5m", "1h", "2d" (or a number of milliseconds).
 * Returns undefined for text it cannot read, so validators can name the key.
 */
export function parseDuration(value: string | number): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value : undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/.exec(value);
  if (!match) return undefined;
  return Number(match[1]) * (units[match[2] ?? "ms"] ?? 1);
}
