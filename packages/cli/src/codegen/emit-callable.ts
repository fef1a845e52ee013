import type { CallableDescription, TypeHints } from "@snakepit/core";
import { planSignature, typeNamesIn, type SignaturePlan } from "./signature-plan.js";
import { renderTsDoc } from "./tsdoc.js";
import { parseDocstring } from "./docstring.js";
import { tsTypeFor, tsYieldTypeFor } from "./type-mapping.js";

/** Generated text and what it needs imported. */
export interface Emitted {
  readonly text: string;
  readonly helpers: ReadonlySet<string>;
  readonly types: ReadonlySet<string>;
}

/**
 * A module-level function that calls Python by dotted path. Generator
 * functions become async iterables (`for await`), through `stream`.
 *
 * @example
 * // emitted for numpy.mean:
 * export async function mean(a: ArrayInput, options: { readonly axis?: number | readonly number[] | null; … } = {}): Promise<unknown> {
 *   return snakepit().call<unknown>("numpy.mean", [a], { ...options });
 * }
 */
export function emitFunction(description: CallableDescription, exportName: string, source: string | undefined, hints?: TypeHints): Emitted {
  const plan = planSignature(description.parameters, hints, documentedTypesOf(description.doc));
  const returns = hints?.returns ?? (description.isGenerator ? tsYieldTypeFor(description.returns) : tsTypeFor(description.returns, "result"));
  const doc = renderTsDoc({ doc: description.doc, parameters: plan.documented, ...optionsOf(plan), pythonPath: description.path, ...(source ? { source } : {}) });
  const path = JSON.stringify(description.path);
  // async (and async*): a missing useSnakepit() rejects the promise instead of throwing synchronously.
  const body = description.isGenerator
    ? `yield* snakepit().stream<${returns}>(${path}, ${plan.args}, ${plan.kwargs});`
    : `return snakepit().call<${returns}>(${path}, ${plan.args}, ${plan.kwargs});`;
  const resultType = description.isGenerator ? `AsyncGenerator<${returns}>` : `Promise<${returns}>`;
  const text = `${doc}\nexport async function${description.isGenerator ? "*" : ""} ${exportName}(${parameterList(plan, "")}): ${resultType} {\n${splitLine(plan, "  ")}  ${body}\n}`;
  return { text, helpers: new Set([...plan.helpers, "snakepit"]), types: new Set([...plan.runtimeTypes, ...typeNamesIn(returns)]) };
}

/** A method of a generated class: calls the method on the remote object. */
export function emitMethod(description: CallableDescription, methodName: string, hints?: TypeHints): Emitted {
  const plan = planSignature(description.parameters, hints, documentedTypesOf(description.doc));
  const returns = hints?.returns ?? tsTypeFor(description.returns, "result");
  const doc = renderTsDoc({ doc: description.doc, parameters: plan.documented, ...optionsOf(plan), pythonPath: description.path }, "  ");
  const text = `${doc}\n  ${methodName}(${parameterList(plan, "  ")}): Promise<${returns}> {\n${splitLine(plan, "    ")}    return this.remote.call<${returns}>(${JSON.stringify(description.name)}, ${plan.args}, ${plan.kwargs});\n  }`;
  return { text, helpers: plan.helpers, types: new Set([...plan.runtimeTypes, ...typeNamesIn(returns)]) };
}

export function parameterList(plan: SignaturePlan, indent: string): string {
  if (plan.parameters.length === 0) return "";
  if (plan.parameters.length === 1 && !plan.parameters[0]?.includes("\n")) return plan.parameters[0] ?? "";
  const inner = plan.parameters.map((parameter) => `${indent}  ${parameter.replace(/\n/g, `\n${indent}  `)},`).join("\n");
  return `\n${inner}\n${indent}`;
}

export function splitLine(plan: SignaturePlan, indent: string): string {
  return plan.helpers.has("splitKwargs") ? `${indent}const split = splitKwargs(args);\n` : "";
}

export function optionsOf(plan: SignaturePlan): { optionsParameter?: string } {
  return plan.optionsParameter ? { optionsParameter: plan.optionsParameter } : {};
}

/** Parameter name → numpydoc type text, from a docstring's Parameters section. */
export function documentedTypesOf(doc: string | undefined): Map<string, string> {
  const types = new Map<string, string>();
  if (!doc) return types;
  for (const [name, parameter] of parseDocstring(doc).params) if (parameter.type) types.set(name, parameter.type);
  return types;
}
