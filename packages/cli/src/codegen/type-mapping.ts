import type { TsTypeMapping } from "@snakepit/core";
import { parseAnnotation, type AnnotationNode } from "./python-annotation.js";

/** Qualified Python class → the TypeScript type of a registered user type (`TypeRegistry.tsTypeMap()`). */
export type UserTypeMap = ReadonlyMap<string, TsTypeMapping>;

let userTypes: UserTypeMap = new Map();

/** Runs `generate` with the user types mapped (annotations naming them become their TypeScript type). */
export function withUserTypes<T>(types: UserTypeMap | undefined, generate: () => T): T {
  const previous = userTypes;
  userTypes = types ?? new Map();
  try {
    return generate();
  } finally {
    userTypes = previous;
  }
}

/**
 * The registered user type an annotation names: by qualified name
 * ("myproject.geometry.Point"), or by class name alone ("Point", as
 * `from __future__ import annotations` leaves it) when only one registered
 * type has that class name.
 */
export function userTypeFor(qualified: string): TsTypeMapping | undefined {
  const exact = userTypes.get(qualified);
  if (exact || qualified.includes(".")) return exact;
  const matches = [...userTypes].filter(([pythonType]) => pythonType.split(".").at(-1) === qualified);
  return matches.length === 1 ? matches[0]?.[1] : undefined;
}

/**
 * Where a type appears: arguments accept more (any array-like for an
 * ndarray, readonly arrays), results are what the codec produces.
 */
export type TypePosition = "parameter" | "result";

/**
 * The TypeScript type for a Python annotation. Anything not understood maps
 * to `unknown` — never `any` — so a wrong guess can never hide a type error.
 *
 * @example
 * tsTypeFor("Optional[list[int]]", "parameter"); // "readonly number[] | null"
 * tsTypeFor("Literal['gini', 'entropy']", "parameter"); // "\"gini\" | \"entropy\""
 */
export function tsTypeFor(annotation: string | undefined, position: TypePosition): string {
  if (annotation === undefined) return "unknown";
  const node = parseAnnotation(annotation);
  return node ? mapNode(node, position) : "unknown";
}

/**
 * The item type of a generator's return annotation ("Iterator[int]",
 * "Generator[str, None, None]", "AsyncIterator[bytes]"): what each step of
 * the stream yields.
 */
export function tsYieldTypeFor(annotation: string | undefined): string {
  const node = annotation === undefined ? undefined : parseAnnotation(annotation);
  if (node?.kind !== "name" || !node.args?.[0]) return "unknown";
  const name = node.name.split(".").at(-1) ?? "";
  return ["Iterator", "Iterable", "Generator", "AsyncIterator", "AsyncIterable", "AsyncGenerator"].includes(name) ? mapNode(node.args[0], "result") : "unknown";
}

const scalarTypes: Readonly<Record<string, string>> = {
  int: "number", float: "number", bool: "boolean", str: "string",
  bytes: "Uint8Array", bytearray: "Uint8Array", None: "null", NoneType: "null",
  Any: "unknown", object: "unknown", complex: "unknown",
};

const sequenceNames = new Set(["list", "List", "Sequence", "MutableSequence", "Iterable", "Collection", "set", "Set", "frozenset", "FrozenSet", "AbstractSet", "MutableSet", "Iterator", "Reversible"]);
const mappingNames = new Set(["dict", "Dict", "Mapping", "MutableMapping", "OrderedDict", "defaultdict", "DefaultDict"]);
const wrapperNames = new Set(["Annotated", "Final", "ClassVar", "Required", "NotRequired", "ReadOnly"]);
const ndarrayNames = new Set(["ndarray", "NDArray"]);
const arrayLikeNames = new Set(["ArrayLike", "array_like"]);
const frameNames = new Set(["DataFrame"]);
const seriesNames = new Set(["Series"]);

function mapNode(node: AnnotationNode, position: TypePosition): string {
  switch (node.kind) {
    case "union": return unionOf(node.options.map((option) => mapNode(option, position)));
    case "literal": return typeof node.value === "string" ? tsTypeFor(node.value, position) : "unknown";
    case "list": case "ellipsis": return "unknown";
    case "name": return mapName(node.name, node.args ?? [], position);
  }
}

function mapName(qualified: string, args: readonly AnnotationNode[], position: TypePosition): string {
  const userType = args.length === 0 ? userTypeFor(qualified) : undefined;
  if (userType) return userType.tsType;
  const name = qualified.split(".").at(-1) ?? qualified;
  const scalar = scalarTypes[name];
  if (scalar && args.length === 0) return scalar;
  if (name === "Optional") return unionOf([mapNode(args[0] ?? { kind: "name", name: "Any" }, position), "null"]);
  if (name === "Union") return unionOf(args.map((arg) => mapNode(arg, position)));
  if (name === "Literal") return unionOf(args.map(literalText));
  if (wrapperNames.has(name)) return args[0] ? mapNode(args[0], position) : "unknown";
  if (ndarrayNames.has(name)) return position === "parameter" ? "ArrayInput" : "NDArray";
  if (arrayLikeNames.has(name)) return position === "parameter" ? "ArrayInput" : "unknown";
  if (frameNames.has(name)) return "DataFrame";
  if (seriesNames.has(name)) return "Series";
  if (sequenceNames.has(name)) return arrayOf(args[0] ? mapNode(args[0], position) : "unknown", position);
  if (name === "tuple" || name === "Tuple") return tupleOf(args, position);
  if (mappingNames.has(name)) return mappingOf(args, position);
  return "unknown";
}

function tupleOf(args: readonly AnnotationNode[], position: TypePosition): string {
  if (args.length === 0) return arrayOf("unknown", position);
  if (args.length === 2 && args[1]?.kind === "ellipsis") return arrayOf(mapNode(args[0] as AnnotationNode, position), position);
  if (args.length === 1 && args[0]?.kind === "list" && args[0].items.length === 0) return "[]"; // tuple[()]
  const items = args.map((arg) => mapNode(arg, position)).join(", ");
  return position === "parameter" ? `readonly [${items}]` : `[${items}]`;
}

function mappingOf(args: readonly AnnotationNode[], position: TypePosition): string {
  const key = args[0] ? mapNode(args[0], position) : "string";
  const value = args[1] ? mapNode(args[1], position) : "unknown";
  // Only string keys arrive as a plain object; the codec decodes other keys into a Map.
  return key === "string" ? `Record<string, ${value}>` : `Map<${key}, ${value}>`;
}

function arrayOf(item: string, position: TypePosition): string {
  const element = /^[\w.<>, ]+$/.test(item) && !item.includes(",") ? item : `(${item})`;
  return position === "parameter" ? `readonly ${element}[]` : `${element}[]`;
}

function literalText(node: AnnotationNode): string {
  if (node.kind !== "literal") return node.kind === "name" && node.name === "None" ? "null" : "unknown";
  if (typeof node.value === "string") return JSON.stringify(node.value);
  return node.value === null ? "null" : String(node.value);
}

/** Joins alternatives; `unknown` absorbs everything, duplicates collapse. */
export function unionOf(types: readonly string[]): string {
  const unique = [...new Set(types.flatMap((type) => splitTopLevelUnion(type)))];
  if (unique.length === 0 || unique.includes("unknown")) return "unknown";
  return unique.join(" | ");
}

function splitTopLevelUnion(type: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < type.length; index++) {
    const character = type[index];
    if (character === "<" || character === "(" || character === "[") depth++;
    else if (character === ">" || character === ")" || character === "]") depth--;
    else if (character === "|" && depth === 0 && type.slice(index - 1, index + 2) === " | ") {
      parts.push(type.slice(start, index).trim());
      start = index + 1;
    }
  }
  parts.push(type.slice(start).trim());
  return parts;
}
