import type { CallableDescription, CatalogGenerationRequest, ClassDescription, Description } from "@snakepit/core";
import { isExceptionClass } from "../../introspection/class-entry.js";
import { rankCandidates } from "../../introspection/rank-candidates.js";
import type { PublicSurface } from "../../introspection/api-candidate.js";
import type { InstalledNames } from "../../shared/installed-names.js";
import { formatSignature } from "../../shared/format-signature.js";
import { trimText } from "../../shared/trim-text.js";
import type { PromptBudgets } from "../llm-catalog-generator-options.js";

/**
 * The introspection summary the model drafts from: the best-ranked public
 * functions and classes with their real signatures and trimmed docstrings,
 * then the submodules. The model can only choose well among names it was
 * shown, so everything it sees here exists. Names that fail to describe
 * (lazy attributes that do not load) are left out.
 */
export async function summarizePublicApi(request: CatalogGenerationRequest, surface: PublicSurface, budgets: PromptBudgets, names: InstalledNames): Promise<string> {
  const functions: string[] = [];
  const classes: string[] = [];
  let used = 0;
  for (const candidate of rankCandidates(surface.candidates).slice(0, budgets.candidates)) {
    const description = await names.lookUp(candidate.name);
    const block = description && describeEntry(candidate.name, description, budgets.docstring);
    if (!block) continue;
    if (used + block.length > budgets.summary) break;
    used += block.length;
    (description.kind === "class" ? classes : functions).push(block);
  }
  const submodules = surface.submodules.map((submodule) => `- ${submodule.name}${submodule.summary ? ` — ${submodule.summary}` : ""}`);
  return [
    `Module ${request.module}${surface.moduleDoc ? `: ${trimText(surface.moduleDoc, budgets.docstring)}` : ""}`,
    section("Functions", functions),
    section("Classes", classes),
    section("Submodules", submodules),
  ].filter((part) => part.length > 0).join("\n\n");
}

function section(title: string, lines: readonly string[]): string {
  return lines.length > 0 ? `### ${title}\n${lines.join("\n")}` : "";
}

function describeEntry(name: string, description: Description, docstringBudget: number): string | undefined {
  if (description.kind === "function") return `- ${name}${formatSignature(description.parameters, description.returns)}${docBlock(description.doc, docstringBudget)}`;
  if (description.kind === "class" && !isExceptionClass(description)) return describeClass(name, description, docstringBudget);
  return undefined;
}

function describeClass(name: string, description: ClassDescription, docstringBudget: number): string {
  const methods = description.methods.filter((method) => !method.name.startsWith("_")).map(describeMethod);
  return `- class ${name}${formatSignature(description.parameters)}${docBlock(description.doc, docstringBudget)}${methods.length ? `\n  methods:\n${methods.join("\n")}` : ""}`;
}

function describeMethod(method: CallableDescription): string {
  const summary = method.doc?.split("\n")[0];
  return `    - ${method.name}${formatSignature(method.parameters, method.returns)}${summary ? ` — ${summary}` : ""}`;
}

function docBlock(doc: string | undefined, budget: number): string {
  if (!doc) return "";
  return `\n${trimText(doc, budget).split("\n").map((line) => `    ${line}`).join("\n")}`;
}
