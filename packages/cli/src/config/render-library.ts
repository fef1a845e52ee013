import type { LibrarySpec } from "@snakepit/core";

/**
 * A library entry as TypeScript source for snakepit.config.ts, one name per
 * line so that a later review diff shows exactly what was added or removed.
 *
 * @example
 * renderLibraryEntry("sklearn", { package: "scikit-learn", functions: ["metrics.accuracy_score"] }, "    ");
 * // '    sklearn: {\n      package: "scikit-learn",\n      functions: [\n        "metrics.accuracy_score",\n      ],\n    },'
 */
export function renderLibraryEntry(key: string, library: LibrarySpec, indent: string): string {
  const inner = `${indent}  `;
  const lines = [`${indent}${key}: {`];
  for (const [field, value] of Object.entries(library)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length === 0) continue;
      lines.push(`${inner}${field}: [`, ...value.map((item) => `${inner}  ${literal(item)},`), `${inner}],`);
    } else lines.push(`${inner}${field}: ${literal(value)},`);
  }
  lines.push(`${indent}},`);
  return lines.join("\n");
}

/** A value as a TS literal: JSON, with unquoted keys where they are identifiers. */
function literal(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
  const fields = Object.entries(value).filter(([, item]) => item !== undefined)
    .map(([key, item]) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: ${literal(item)}`);
  return `{ ${fields.join(", ")} }`;
}
