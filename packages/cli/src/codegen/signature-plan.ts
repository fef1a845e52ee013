import type { ParameterDescription, TypeHints } from "@snakepit/core";
import { bindingName, freeName, propertyKey } from "./identifiers.js";
import type { DocumentedParameter } from "./tsdoc.js";
import { tsTypeFromDocstring } from "./docstring-types.js";
import { tsTypeFor, unionOf } from "./type-mapping.js";

/** How a Python signature becomes a TypeScript one, and how the call is put back together. */
export interface SignaturePlan {
  /** The TS parameter list, one parameter per line, without parentheses. */
  readonly parameters: readonly string[];
  /** Expression for the positional arguments array. */
  readonly args: string;
  /** Expression for the keyword arguments object. */
  readonly kwargs: string;
  readonly documented: readonly DocumentedParameter[];
  readonly optionsParameter?: string;
  /** Runtime helpers the body uses. */
  readonly helpers: ReadonlySet<"trimTrailingUndefined" | "splitKwargs">;
  /** Type names from the generated runtime module the signature mentions. */
  readonly runtimeTypes: ReadonlySet<string>;
}

const runtimeTypeNames = ["ArrayInput", "DataFrame", "Series"] as const;
const coreTypeNames = ["NDArray"] as const;

/**
 * Plans the TS signature of a Python callable. Required positional
 * parameters stay positional; parameters with defaults and keyword-only
 * parameters go into one options object, passed to Python as keyword
 * arguments (so `accuracy_score(yTrue, yPred, { normalize: false })`).
 * `*args` becomes an array parameter and `**kwargs` an index signature on the
 * options. Without a signature (some builtins and ufuncs) the function takes
 * `...args` and keyword arguments through core's `kw({...})`.
 */
export function planSignature(parameters: readonly ParameterDescription[] | undefined, hints: TypeHints = {}, documentedTypes: ReadonlyMap<string, string> = new Map()): SignaturePlan {
  const helpers = new Set<"trimTrailingUndefined" | "splitKwargs">();
  if (!parameters) {
    helpers.add("splitKwargs");
    return { parameters: ["...args: unknown[]"], args: "split.args", kwargs: "split.kwargs", documented: [], helpers, runtimeTypes: new Set() };
  }
  // Precedence: the user's hint, then the annotation, then the numpydoc type of the docstring.
  const typeOf = (parameter: ParameterDescription) => hints.params?.[parameter.name]
    ?? (parameter.annotation !== undefined ? tsTypeFor(parameter.annotation, "parameter") : tsTypeFromDocstring(documentedTypes.get(parameter.name)));
  const restIndex = parameters.findIndex((parameter) => parameter.kind === "var_positional");
  const positional: { python: string; ts: string; type: string; optional: boolean; defaulted: boolean }[] = [];
  const options: { python: string; type: string; optional: boolean }[] = [];
  let rest: { python: string; ts: string; type: string } | undefined;
  let keywordsOpen = false;
  for (const [index, parameter] of parameters.entries()) {
    const hasDefault = parameter.default !== undefined;
    const ts = bindingName(parameter.name);
    if (parameter.kind === "var_positional") rest = { python: parameter.name, ts, type: typeOf(parameter) };
    else if (parameter.kind === "var_keyword") keywordsOpen = true;
    else if (parameter.kind === "keyword_only") options.push({ python: parameter.name, type: typeOf(parameter), optional: hasDefault });
    else if (!hasDefault || parameter.kind === "positional_only" || (restIndex >= 0 && index < restIndex)) {
      positional.push({ python: parameter.name, ts, type: typeOf(parameter), optional: hasDefault, defaulted: hasDefault });
    } else options.push({ python: parameter.name, type: typeOf(parameter), optional: true });
  }
  // TS forbids a required parameter after an optional one; Python allows it only around "/", so keep it positional as `T | undefined`.
  // A required options object (a keyword-only parameter without default) counts as a required last parameter.
  const optionsRequired = options.some((option) => !option.optional);
  const lastRequired = optionsRequired ? positional.length : positional.findLastIndex((parameter) => !parameter.optional);
  for (const parameter of positional.slice(0, lastRequired)) {
    if (parameter.optional) {
      parameter.optional = false;
      parameter.type = unionOf([parameter.type, "undefined"]);
    }
  }
  const taken = new Set([...positional.map((parameter) => parameter.ts), ...(rest ? [rest.ts] : [])]);
  const optionsName = options.length || keywordsOpen ? freeName("options", taken) : undefined;
  const lines = positional.map((parameter) => `${parameter.ts}${parameter.optional ? "?" : ""}: ${parameter.type}`);
  if (rest) lines.push(`${rest.ts}: readonly ${wrapForArray(rest.type)}[] = []`);
  if (optionsName) {
    const fields = options.map((option) => `  readonly ${propertyKey(option.python)}${option.optional ? "?" : ""}: ${option.type};`);
    if (keywordsOpen) fields.push("  readonly [keyword: string]: unknown;");
    lines.push(`${optionsName}: {\n${fields.join("\n")}\n}${optionsRequired ? "" : " = {}"}`);
  }
  // Omitted trailing arguments that have a Python default are dropped rather than sent as None.
  const anyOptional = positional.some((parameter) => parameter.defaulted);
  const listed = [...positional.map((parameter) => parameter.ts), ...(rest ? [`...${rest.ts}`] : [])].join(", ");
  if (anyOptional && !rest) helpers.add("trimTrailingUndefined");
  const documented: DocumentedParameter[] = [
    ...positional.map((parameter) => ({ python: parameter.python, tag: parameter.ts })),
    ...(rest ? [{ python: rest.python, tag: rest.ts }] : []),
    ...options.map((option) => ({ python: option.python, tag: `${optionsName}.${option.python}` })),
  ];
  return {
    parameters: lines,
    args: anyOptional && !rest ? `trimTrailingUndefined([${listed}])` : `[${listed}]`,
    kwargs: optionsName ? `{ ...${optionsName} }` : "{}",
    documented,
    ...(optionsName ? { optionsParameter: optionsName } : {}),
    helpers,
    runtimeTypes: typeNamesIn(lines.join("\n")),
  };
}

/** The runtime and core type names a piece of generated type text mentions, so the file can import them. */
export function typeNamesIn(text: string): Set<string> {
  const names = new Set<string>();
  for (const name of [...runtimeTypeNames, ...coreTypeNames]) if (new RegExp(`\\b${name}\\b`).test(text)) names.add(name);
  return names;
}

function wrapForArray(type: string): string {
  return /^[\w.<>]+$/.test(type) ? type : `(${type})`;
}
