import type { ClassEntry, Description, FunctionEntry, MethodEntry, ParameterDescription } from "@snakepit/core";
import type { CallableReply } from "../reply-schema.js";
import { fixParameterHints } from "./fix-parameter-hints.js";

/** What survives checking a reply against the installed package. */
export interface VerifiedReply {
  readonly functions: FunctionEntry[];
  readonly classes: ClassEntry[];
  readonly modules: string[];
  /** Names the model proposed that do not exist or may not be used. */
  readonly dropped: string[];
  readonly warnings: string[];
  /** Descriptions of the kept functions and classes, by relative name (for examples). */
  readonly described: Map<string, Description>;
}

/** A function or method entry: a bare name unless the model added checked hints or purity. */
export function callableEntry(name: string, proposal: CallableReply, parameters: readonly ParameterDescription[] | undefined, owner: string, warnings: string[]): FunctionEntry & MethodEntry {
  const types = fixParameterHints(owner, proposal.types, parameters, warnings);
  if (!types && proposal.pure !== true) return name;
  return { name, ...(types ? { types } : {}), ...(proposal.pure === true ? { pure: true } : {}) };
}

/** The name of a function, method or class entry. */
export function entryName(entry: FunctionEntry | ClassEntry): string {
  return typeof entry === "string" ? entry : entry.name;
}
