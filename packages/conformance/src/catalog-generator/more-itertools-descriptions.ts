import type { CallableDescription, Description, ParameterDescription } from "@snakepit/core";

const distribution = { name: "more-itertools", version: "10.5.0" } as const;

const parameter = (name: string, kind: ParameterDescription["kind"] = "positional_or_keyword", defaultValue?: string): ParameterDescription =>
  defaultValue === undefined ? { name, kind } : { name, kind, default: defaultValue };

const fn = (name: string, doc: string, parameters: readonly ParameterDescription[], path = `more_itertools.${name}`): CallableDescription =>
  ({ kind: "function", path, name, doc, parameters, isAsync: false, isGenerator: false, distribution });

const functions = [
  fn("chunked", "Break *iterable* into lists of length *n*.", [parameter("iterable"), parameter("n"), parameter("strict", "positional_or_keyword", "False")]),
  fn("flatten", "Return an iterator flattening one level of nesting in a list of lists.", [parameter("listOfLists")]),
  fn("first", "Return the first item of *iterable*, or *default* if *iterable* is empty.", [parameter("iterable"), parameter("default", "positional_or_keyword", "<object object>")]),
  fn("windowed", "Return a sliding window of width *n* over the given iterable.", [parameter("seq"), parameter("n"), parameter("fillvalue", "positional_or_keyword", "None"), parameter("step", "positional_or_keyword", "1")]),
  fn("unique_everseen", "Yield unique elements, preserving order.", [parameter("iterable"), parameter("key", "positional_or_keyword", "None")]),
];

/**
 * A fixed, truthful slice of the more-itertools package (10.5.0) as an
 * introspector reports it: five functions, one class, and a private helper
 * that no generator may propose. The catalog-generator suite drafts against it.
 */
export const moreItertoolsDescriptions: readonly Description[] = [
  {
    kind: "module", path: "more_itertools", name: "more_itertools", distribution,
    doc: "More routines for operating on iterables, beyond itertools.",
    all: [...functions.map((description) => description.name), "peekable"],
    members: [
      ...functions.map((description) => ({ name: description.name, kind: "function" as const, summary: description.doc })),
      { name: "peekable", kind: "class", summary: "Wrap an iterator to allow lookahead and prepending elements." },
    ],
  },
  ...functions,
  {
    kind: "class", path: "more_itertools.peekable", name: "peekable", distribution,
    doc: "Wrap an iterator to allow lookahead and prepending elements.",
    parameters: [parameter("iterable")],
    methods: [
      fn("peek", "Return the item that will be next returned from next().", [parameter("default", "positional_or_keyword", "<object object>")], "more_itertools.peekable.peek"),
      fn("prepend", "Stack up items to be the next ones returned from next().", [parameter("items", "var_positional")], "more_itertools.peekable.prepend"),
    ],
    bases: ["builtins.object"],
  },
  fn("_private_helper", "Not part of the public API.", [], "more_itertools._private_helper"),
];

/** The request the suite sends for this package. */
export const moreItertoolsPackage = { packageName: "more-itertools", module: "more_itertools", requirement: "more-itertools>=10" } as const;
