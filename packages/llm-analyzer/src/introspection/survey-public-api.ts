import { NotFoundError, type CatalogGenerationRequest, type MemberSummary, type ModuleDescription } from "@snakepit/core";
import { signalOption } from "../shared/abort.js";
import { describeLibraryModule } from "../shared/describe-library-module.js";
import type { ApiCandidate, PublicSurface, SubmoduleSummary } from "./api-candidate.js";

/** Submodules that are never part of a library's usable API. */
const internalSubmodules = new Set(["tests", "test", "conftest", "externals", "setup", "compat"]);

/**
 * Lists a package's public functions and classes from module summaries only:
 * the top-level module and each public submodule one level down. Large
 * libraries (scikit-learn) keep their API in submodules; describing every
 * member would cost hundreds of worker calls, so the survey reads member
 * summaries and the generators describe only what ranks high.
 */
export async function surveyPublicApi(request: CatalogGenerationRequest): Promise<PublicSurface> {
  const top = await describeLibraryModule(request);
  const candidates: ApiCandidate[] = candidatesOf(top, "", 0);
  const submodules: SubmoduleSummary[] = [];
  const warnings: string[] = [];
  for (const member of top.members ?? []) {
    if (member.kind !== "module" || member.name.startsWith("_") || internalSubmodules.has(member.name)) continue;
    const submodule = await describeSubmodule(request, member.name, warnings);
    if (!submodule) continue;
    const found = candidatesOf(submodule, `${member.name}.`, 1);
    candidates.push(...found);
    submodules.push({ name: member.name, ...summaryOf(member), documentedMembers: found.filter((candidate) => candidate.summary).length });
  }
  return { candidates: withoutDuplicates(candidates), submodules, ...(top.doc ? { moduleDoc: top.doc } : {}), warnings };
}

async function describeSubmodule(request: CatalogGenerationRequest, name: string, warnings: string[]): Promise<ModuleDescription | undefined> {
  const path = `${request.module}.${name}`;
  try {
    const description = await request.introspector.describe(path, { members: true, ...signalOption(request.signal) });
    return description.kind === "module" ? description : undefined;
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    warnings.push(`${path} is listed as a submodule but does not import (${error.message}); its members were not considered.`);
    return undefined;
  }
}

function candidatesOf(module: ModuleDescription, prefix: string, depth: 0 | 1): ApiCandidate[] {
  const exported = new Set(module.all ?? []);
  return (module.members ?? [])
    .filter((member): member is MemberSummary & { kind: "function" | "class" } => (member.kind === "function" || member.kind === "class") && !member.name.startsWith("_"))
    .map((member) => ({ name: `${prefix}${member.name}`, kind: member.kind, ...summaryOf(member), exported: exported.has(member.name), depth }));
}

function summaryOf(member: MemberSummary): { readonly summary?: string } {
  return member.summary ? { summary: member.summary } : {};
}

/**
 * Libraries re-export the same object at several levels (`sklearn.clone` is
 * `sklearn.base.clone`); keep the first, shallowest, occurrence of a short
 * name whose summary is the same.
 */
function withoutDuplicates(candidates: readonly ApiCandidate[]): ApiCandidate[] {
  const seen = new Set<string>();
  return candidates.filter((candidate) => {
    const key = `${candidate.kind}:${candidate.name.split(".").pop()}:${candidate.summary ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
