import type { z } from "zod";
import { ConfigError } from "../errors/index.js";
import type { Catalog } from "./catalog-types.js";
import { closestName } from "./closest-name.js";
import { catalogSchema, configSchema, type tenantSchema } from "./schema.js";

/** The whole of snakepit.config.ts. */
export type SnakepitConfig = z.infer<typeof configSchema>;

/** One entry of `tenants` in snakepit.config.ts. */
export type TenantConfig = z.infer<typeof tenantSchema>;

/**
 * Validates a Snakepit configuration and returns it typed. Throws a
 * `ConfigError` listing every problem with the key that has it.
 *
 * @example
 * export default defineConfig({
 *   python: "3.11",
 *   libraries: { numpy: { package: "numpy>=1.24", functions: ["mean", "std"] } },
 * });
 */
export function defineConfig(config: SnakepitConfig): SnakepitConfig {
  return parseOrThrow(configSchema, config, "Invalid Snakepit configuration");
}

/**
 * Validates a catalog on its own, for programs that declare libraries in code
 * rather than in snakepit.config.ts.
 *
 * @example
 * const catalog = defineCatalog({ statistics: { functions: ["mean", "median"] } });
 */
export function defineCatalog(catalog: Catalog): Catalog {
  return parseOrThrow(catalogSchema, catalog, "Invalid Snakepit catalog") as Catalog;
}

function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, headline: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ConfigError(`${headline}:`, result.error.issues.map(describeIssue));
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? issue.path.map(String).join(".") : "(root)";
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => {
      const known = knownKeysAt(issue.path);
      const hint = closestName(key, known);
      return `${where === "(root)" ? key : `${where}.${key}`}: unknown key${hint ? `; did you mean "${hint}"?` : known.length ? `; expected one of ${known.join(", ")}` : ""}`;
    }).join("\n  - ");
  }
  if (issue.code === "invalid_key") return `${where}: ${issue.issues.map((inner) => inner.message).join("; ")}`;
  return `${where}: ${issue.message}`;
}

/** Keys the schema accepts at a path (for "did you mean" on unknown keys). */
function knownKeysAt(path: readonly PropertyKey[]): string[] {
  let schema: unknown = configSchema;
  for (const segment of path) {
    schema = unwrap(schema);
    const shape = (schema as { shape?: Record<string, unknown> }).shape;
    if (shape && typeof segment === "string" && segment in shape) schema = shape[segment];
    else if ((schema as { valueType?: unknown }).valueType) schema = (schema as { valueType: unknown }).valueType;
    else if ((schema as { element?: unknown }).element) schema = (schema as { element: unknown }).element;
    else return [];
  }
  const shape = (unwrap(schema) as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

function unwrap(schema: unknown): unknown {
  let current = schema as { unwrap?: () => unknown; options?: unknown[]; shape?: unknown };
  while (current && typeof current.unwrap === "function") current = current.unwrap() as typeof current;
  if (current && Array.isArray(current.options)) {
    return current.options.find((option) => (option as { shape?: unknown }).shape) ?? current;
  }
  return current;
}
