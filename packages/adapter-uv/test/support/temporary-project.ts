import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EnvironmentSpec, ProgressEvent } from "@snakepit/core";
import type { TestContext } from "vitest";

/** A project folder deleted when the test finishes (the context's hook: the global one is ambiguous in concurrent tests), and a spec builder for it. */
export async function temporaryProject(context: TestContext): Promise<{ projectDir: string; spec: (packages: string[], overrides?: Partial<EnvironmentSpec>) => EnvironmentSpec }> {
  const projectDir = await mkdtemp(join(tmpdir(), "snakepit-uv-test-"));
  context.onTestFinished(() => rm(projectDir, { recursive: true, force: true }));
  return { projectDir, spec: (packages, overrides = {}) => ({ name: "main", projectDir, python: "3.11", packages, ...overrides }) };
}

/** Collects progress events. */
export function progressRecorder(): { events: ProgressEvent[]; options: { onProgress: (event: ProgressEvent) => void } } {
  const events: ProgressEvent[] = [];
  return { events, options: { onProgress: (event) => void events.push(event) } };
}
