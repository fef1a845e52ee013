import { z } from "zod";

/*
 * The shape the model must answer with. OpenAI's strict structured outputs
 * require every property to be present and no free-form keys, so "absent" is
 * null and parameter hints are a list of {name, type} pairs rather than a map.
 */

const typeHintsReply = z.strictObject({
  params: z.array(z.strictObject({
    name: z.string().describe("a parameter name exactly as in the signature"),
    type: z.string().describe("TypeScript type text for values passed from Node, such as \"number[]\" or \"ArrayLike<number>\""),
  })),
  returns: z.string().nullable().describe("TypeScript type text of the result, or null"),
});

const callableReply = z.strictObject({
  name: z.string(),
  pure: z.boolean().nullable().describe("true only when the same arguments always give the same result and nothing is mutated"),
  types: typeHintsReply.nullable(),
});

export const catalogReplySchema = z.strictObject({
  functions: z.array(callableReply.describe("name: dotted path relative to the package's module, such as \"metrics.accuracy_score\"")),
  classes: z.array(z.strictObject({
    name: z.string().describe("dotted path relative to the package's module, such as \"ensemble.RandomForestClassifier\""),
    methods: z.array(callableReply).nullable().describe("the methods worth exposing, or null for every public method"),
  })),
  modules: z.array(z.string()).describe("submodules to import whole; usually empty"),
  notes: z.array(z.string()).describe("anything the user should review"),
});

export type CatalogReply = z.infer<typeof catalogReplySchema>;
export type CallableReply = z.infer<typeof callableReply>;
export type TypeHintsReply = z.infer<typeof typeHintsReply>;

/** The JSON Schema sent as `response_format`, derived from the zod schema so the two cannot drift. */
export const catalogReplyJsonSchema: Record<string, unknown> = (() => {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(catalogReplySchema, { target: "draft-7" }) as Record<string, unknown>;
  return schema;
})();
