import type { ClassDescription, ClassEntry, MethodEntry } from "@snakepit/core";
import { entryNameProblem } from "../../shared/entry-name-problem.js";
import type { CallableReply, CatalogReply } from "../reply-schema.js";
import type { InstalledNames } from "../../shared/installed-names.js";
import { callableEntry, type VerifiedReply } from "./verified-reply.js";

/**
 * Checks every name of a reply against introspection. Functions, classes,
 * methods and modules that do not exist (or are private) are dropped and
 * reported; a class listed as a function is moved; parameter hints are fixed
 * from the real signature. Nothing here trusts the model.
 */
export async function verifyReply(reply: CatalogReply, names: InstalledNames): Promise<VerifiedReply> {
  const result: VerifiedReply = { functions: [], classes: [], modules: [], dropped: [], warnings: [], described: new Map() };
  const seen = new Set<string>();
  const firstTime = (name: string) => !seen.has(name) && Boolean(seen.add(name));

  for (const proposal of reply.functions) {
    if (!firstTime(proposal.name) || !usable(proposal.name, result)) continue;
    const description = await names.lookUp(proposal.name);
    if (description?.kind === "function") {
      result.functions.push(callableEntry(proposal.name, proposal, description.parameters, proposal.name, result.warnings));
      result.described.set(proposal.name, description);
    } else if (description?.kind === "class") {
      result.warnings.push(`${proposal.name} is a class, not a function; it was moved to classes.`);
      addClass(proposal.name, null, description, result);
    } else {
      drop(proposal.name, description?.kind, "function", result);
    }
  }
  for (const proposal of reply.classes) {
    if (!firstTime(proposal.name) || !usable(proposal.name, result)) continue;
    const description = await names.lookUp(proposal.name);
    if (description?.kind === "class") addClass(proposal.name, proposal.methods, description, result);
    else drop(proposal.name, description?.kind, "class", result);
  }
  for (const name of reply.modules) {
    if (!firstTime(name) || !usable(name, result)) continue;
    const description = await names.lookUp(name);
    if (description?.kind === "module") result.modules.push(name);
    else drop(name, description?.kind, "module", result);
  }
  return result;
}

function usable(name: string, result: VerifiedReply): boolean {
  const problem = entryNameProblem(name);
  if (!problem) return true;
  result.dropped.push(name);
  result.warnings.push(`"${name}" was dropped: ${problem}.`);
  return false;
}

function drop(name: string, foundKind: string | undefined, expectedKind: string, result: VerifiedReply): void {
  result.dropped.push(name);
  if (foundKind) result.warnings.push(`${name} was dropped: it is a ${foundKind}, not a ${expectedKind}.`);
}

function addClass(name: string, methods: readonly CallableReply[] | null, description: ClassDescription, result: VerifiedReply): void {
  result.described.set(name, description);
  if (!methods || methods.length === 0) {
    result.classes.push(name);
    return;
  }
  const kept: MethodEntry[] = [];
  const keptNames = new Set<string>();
  for (const proposal of methods) {
    const method = proposal.name.startsWith("_") ? undefined : description.methods.find((candidate) => candidate.name === proposal.name);
    if (!method) result.dropped.push(`${name}.${proposal.name}`);
    else if (!keptNames.has(method.name)) {
      keptNames.add(method.name);
      kept.push(callableEntry(method.name, proposal, method.parameters, `${name}.${method.name}`, result.warnings));
    }
  }
  if (kept.length > 0) result.classes.push({ name, methods: kept } satisfies ClassEntry);
  else {
    result.warnings.push(`None of the methods proposed for ${name} exist; it is listed with every public method instead.`);
    result.classes.push(name);
  }
}
