import { CancelledError, CatalogError, ConfigError } from "@snakepit/core";
import { afterEach, describe, expect, test } from "vitest";
import { LlmCatalogGenerator, MissingApiKeyError } from "../src/index.js";
import { statisticsDescriptions, statisticsPackage } from "./fixtures/statistics.js";
import { FixtureIntrospector } from "./support/fixture-introspector.js";
import { ScriptedChatServer } from "../src/testing/index.js";
import { generatorFor } from "./support/scripted-generator.js";

describe("LlmCatalogGenerator without a key or a working endpoint", () => {
  let server: ScriptedChatServer | undefined;
  afterEach(async () => server?.close());

  test("without an API key: MissingApiKeyError naming the variable and the introspection fallback", () => {
    const construct = () => new LlmCatalogGenerator({ apiKeyEnv: "SNAKEPIT_TEST_KEY", environment: {} });

    expect(construct).toThrow(MissingApiKeyError);
    expect(construct).toThrow(ConfigError);
    expect(construct).toThrow(/SNAKEPIT_TEST_KEY is not set\. Set SNAKEPIT_TEST_KEY .*use the IntrospectionCatalogGenerator \(snakepit add without --llm\)/);
  });

  test("reads the key from the configured environment variable", async () => {
    server = await ScriptedChatServer.start([{ status: 401, error: "Incorrect API key provided" }]);
    const generator = new LlmCatalogGenerator({ baseURL: server.baseURL, apiKeyEnv: "SNAKEPIT_TEST_KEY", environment: { SNAKEPIT_TEST_KEY: "from-environment" } });
    const attempt = generator.generate({ ...statisticsPackage, introspector: new FixtureIntrospector(statisticsDescriptions) });

    await expect(attempt).rejects.toThrow(CatalogError);
    await expect(attempt).rejects.toThrow(/refused the API key \(401\)/);
    expect(server.requests[0]?.authorization).toBe("Bearer from-environment");
  });

  test("an unknown model is a CatalogError that says to check the model name and baseURL", async () => {
    server = await ScriptedChatServer.start([{ status: 404, error: "The model `gpt-nope` does not exist" }]);
    await expect(generatorFor(server).generate({ ...statisticsPackage, introspector: new FixtureIntrospector(statisticsDescriptions) })).rejects.toThrow(/does not know the model scripted-model .*\(404\)\. Check the model name/);
  });

  test("an unreachable endpoint is a CatalogError that says what to check", async () => {
    server = await ScriptedChatServer.start([]);
    const baseURL = server.baseURL;
    await server.close();
    server = undefined;
    const generator = new LlmCatalogGenerator({ baseURL, apiKey: "test-key", model: "scripted-model" });
    await expect(generator.generate({ ...statisticsPackage, introspector: new FixtureIntrospector(statisticsDescriptions) })).rejects.toThrow(/Could not reach model scripted-model at .*Check baseURL/);
  }, 30_000);

  test("an abort while the model is thinking rejects with CancelledError", async () => {
    server = await ScriptedChatServer.start([{ hang: true }]);
    const controller = new AbortController();
    const slowServer = server;
    const attempt = generatorFor(slowServer).generate({ ...statisticsPackage, introspector: new FixtureIntrospector(statisticsDescriptions), signal: controller.signal });
    await expect.poll(() => slowServer.requests.length).toBe(1);
    controller.abort();
    await expect(attempt).rejects.toThrow(CancelledError);
  });
});
