import { catalogGeneratorSuite } from "@snakepit/conformance";
import { afterAll, test } from "vitest";
import { IntrospectionCatalogGenerator } from "../src/index.js";
import { ScriptedChatServer } from "../src/testing/index.js";
import { generatorFor, proposal, reply } from "./support/scripted-generator.js";

catalogGeneratorSuite(test, () => new IntrospectionCatalogGenerator());

/*
 * The LLM generator runs the same suite against a scripted model that answers
 * every request for the suite's more-itertools slice with real names, an
 * invented function, a private one and an invented method: the suite checks
 * that only what exists reaches the draft.
 */
const moreItertoolsReply = reply({
  functions: [proposal("chunked", { params: { iterable: "unknown[]", n: "number" } }), proposal("windowed"), proposal("flatten"), proposal("chunked_evenly_ai"), proposal("_private_helper")],
  classes: [{ name: "peekable", methods: [proposal("peek"), proposal("rewind")] }],
});
const server = await ScriptedChatServer.start(() => moreItertoolsReply);
afterAll(() => server.close());

catalogGeneratorSuite(test, () => generatorFor(server));
