import { SpanStatusCode } from "@opentelemetry/api";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { expect, test } from "vitest";
import { EnvironmentError } from "@snakepit/core";
import { FakeEnvironmentManager } from "@snakepit/core/testing";
import { tracedEnsure } from "../src/runtime/traced-ensure.js";

test("ensure runs in a snakepit.environment.ensure span that names the environment and records a failure", async () => {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const manager = new FakeEnvironmentManager();
  const environment = await tracedEnsure(manager, { name: "app", projectDir: "/tmp/app", packages: ["numpy>=1.24"] }, {}, tracerProvider);
  const [span] = exporter.getFinishedSpans();
  expect(span?.name).toBe("snakepit.environment.ensure");
  expect(span?.attributes).toMatchObject({ "snakepit.environment.name": "app", "snakepit.environment.manager": "fake", "snakepit.environment.packages": 1, "snakepit.environment.python_version": environment.pythonVersion });

  const failing = Object.assign(new FakeEnvironmentManager(), { ensure: () => Promise.reject(new EnvironmentError("uv could not resolve numpy>=99")) });
  await expect(tracedEnsure(failing, { name: "app", projectDir: "/tmp/app", packages: [] }, {}, tracerProvider)).rejects.toThrow(/numpy>=99/);
  const failed = exporter.getFinishedSpans()[1];
  expect(failed?.status).toMatchObject({ code: SpanStatusCode.ERROR, message: expect.stringContaining("numpy>=99") });
  expect(failed?.events.map((event) => event.name)).toEqual(["exception"]);
});
