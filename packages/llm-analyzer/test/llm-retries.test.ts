import { CatalogError } from "@snakepit/core";
import { afterEach, describe, expect, test } from "vitest";
import { scikitLearnDescriptions, scikitLearnPackage } from "./fixtures/scikit-learn.js";
import { FixtureIntrospector } from "./support/fixture-introspector.js";
import { ScriptedChatServer } from "../src/testing/index.js";
import { generatorFor, proposal, reply } from "./support/scripted-generator.js";

const goodReply = reply({ functions: [proposal("metrics.accuracy_score")], classes: [{ name: "ensemble.RandomForestClassifier", methods: null }] });
const malformed = "{\"functions\": [{\"name\": \"metrics.accuracy_score\", \"pure\": true";

describe("LlmCatalogGenerator retries invalid replies with the errors fed back", () => {
  let server: ScriptedChatServer | undefined;
  afterEach(async () => server?.close());

  test("malformed JSON, then a good reply: the retry carries the reply and the parse error", async () => {
    server = await ScriptedChatServer.start([malformed, goodReply]);
    const draft = await generatorFor(server).generate({ ...scikitLearnPackage, introspector: new FixtureIntrospector(scikitLearnDescriptions) });

    expect(draft.library.functions).toEqual(["metrics.accuracy_score"]);
    expect(server.requests).toHaveLength(2);
    const [first, second] = server.requests;
    expect(second?.messages.slice(0, -2)).toEqual(first?.messages);
    expect(second?.messages.at(-2)).toEqual({ role: "assistant", content: malformed });
    expect(second?.messages.at(-1)?.role).toBe("user");
    expect(second?.messages.at(-1)?.content).toMatch(/^Your previous reply could not be used:\n\n- The reply is not valid JSON \(.+\)\. Reply with one JSON object and nothing else\./);
  });

  test("a schema violation is fed back with where it is", async () => {
    server = await ScriptedChatServer.start([JSON.stringify({ functions: [{ name: "metrics.accuracy_score" }], classes: [] }), goodReply]);
    await generatorFor(server).generate({ ...scikitLearnPackage, introspector: new FixtureIntrospector(scikitLearnDescriptions) });

    const feedback = server.requests[1]?.messages.at(-1)?.content ?? "";
    expect(feedback).toContain("- At functions.0.pure: ");
    expect(feedback).toContain("- At modules: ");
  });

  test("a reply whose every name is invented is retried, naming what does not exist", async () => {
    server = await ScriptedChatServer.start([reply({ functions: [proposal("metrics.magic_score")] }), goodReply]);
    const draft = await generatorFor(server).generate({ ...scikitLearnPackage, introspector: new FixtureIntrospector(scikitLearnDescriptions) });

    expect(draft.library.classes).toEqual(["ensemble.RandomForestClassifier"]);
    expect(server.requests[1]?.messages.at(-1)?.content).toContain("The reply names no function or class that exists: metrics.magic_score do not exist in sklearn.");
  });

  test("a reply that never becomes valid: CatalogError listing every attempt, nothing returned", async () => {
    server = await ScriptedChatServer.start([malformed, "{\"functions\": \"all of them\"}", reply({ functions: [proposal("metrics.magic_score")] })]);
    const outcome = generatorFor(server, { maxAttempts: 3 }).generate({ ...scikitLearnPackage, introspector: new FixtureIntrospector(scikitLearnDescriptions) });

    const error = await outcome.then(() => undefined, (rejection: unknown) => rejection);
    expect(error).toBeInstanceOf(CatalogError);
    const catalogError = error as CatalogError;
    expect(catalogError.message).toMatch(/^The model scripted-model at http:\/\/127\.0\.0\.1:\d+\/v1 gave no valid catalog draft for scikit-learn in 3 attempts, so nothing was drafted\. Try a stronger model, raise maxAttempts, or use the introspection generator/);
    expect(catalogError.problems[0]).toMatch(/^attempt 1: The reply is not valid JSON/);
    expect(catalogError.problems.some((problem) => problem.startsWith("attempt 2: At functions: "))).toBe(true);
    expect(catalogError.problems.at(-1)).toMatch(/^attempt 3: The reply names no function or class that exists/);
    expect(server.requests).toHaveLength(3);
    expect(server.requests[2]?.messages.filter((message) => message.content.startsWith("Your previous reply could not be used"))).toHaveLength(2);
  });
});
