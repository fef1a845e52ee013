import type { ParameterDescription } from "@snakepit/core";

/**
 * A signature as Python prints it: "(y_true, y_pred, *, normalize=True)".
 * Models know Python signatures well, so the summary speaks their dialect.
 *
 * @example
 * formatSignature([{ name: "data", kind: "positional_or_keyword" }], "float"); // "(data) -> float"
 */
export function formatSignature(parameters: readonly ParameterDescription[] | undefined, returns?: string): string {
  if (!parameters) return "(...)";
  const parts: string[] = [];
  let slashPending = false;
  let keywordMarkerWritten = false;
  for (const parameter of parameters) {
    if (parameter.kind === "positional_only") slashPending = true;
    else if (slashPending) {
      parts.push("/");
      slashPending = false;
    }
    if (parameter.kind === "var_positional") keywordMarkerWritten = true;
    if (parameter.kind === "keyword_only" && !keywordMarkerWritten) {
      parts.push("*");
      keywordMarkerWritten = true;
    }
    parts.push(formatParameter(parameter));
  }
  if (slashPending) parts.push("/");
  return `(${parts.join(", ")})${returns ? ` -> ${returns}` : ""}`;
}

function formatParameter(parameter: ParameterDescription): string {
  const prefix = parameter.kind === "var_positional" ? "*" : parameter.kind === "var_keyword" ? "**" : "";
  const annotation = parameter.annotation ? `: ${parameter.annotation}` : "";
  const defaultValue = parameter.default !== undefined ? `${annotation ? " = " : "="}${parameter.default}` : "";
  return `${prefix}${parameter.name}${annotation}${defaultValue}`;
}
