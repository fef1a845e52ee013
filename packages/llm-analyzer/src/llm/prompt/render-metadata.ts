import { trimText } from "../../shared/trim-text.js";
import type { PromptBudgets } from "../llm-catalog-generator-options.js";
import type { PackageMetadata } from "../package-metadata-source.js";

/** The installed package's own words (summary, README, stubs), within budget; a plain note when there are none. */
export function renderMetadata(metadata: PackageMetadata | undefined, budgets: PromptBudgets): string {
  if (!metadata) return "(no package metadata available)";
  const parts = [`${metadata.name}${metadata.version ? ` ${metadata.version}` : ""}${metadata.summary ? `: ${metadata.summary}` : ""}`];
  if (metadata.readme) parts.push(`README:\n${trimText(metadata.readme, budgets.readme)}`);
  const stubs = Object.entries(metadata.stubs ?? {}).map(([module, text]) => `# ${module}.pyi\n${text.trim()}`).join("\n\n");
  if (stubs) parts.push(`Type stubs:\n${trimText(stubs, budgets.stubs)}`);
  return parts.join("\n\n");
}
