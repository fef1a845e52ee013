import { LlmCatalogGenerator, type LlmCatalogGeneratorOptions } from "../../src/index.js";
import type { ScriptedChatServer } from "../../src/testing/index.js";

/** An LlmCatalogGenerator on the real openai SDK, pointed at a scripted server. */
export function generatorFor(server: ScriptedChatServer, options: LlmCatalogGeneratorOptions = {}): LlmCatalogGenerator {
  return new LlmCatalogGenerator({
    baseURL: server.baseURL,
    apiKey: "test-key",
    model: "scripted-model",
    now: () => new Date("2025-01-02T03:04:05.000Z"),
    ...options,
  });
}

/** A reply in the schema's shape, with defaults for what a test does not care about. */
export function reply(parts: { functions?: unknown[]; classes?: unknown[]; modules?: string[]; notes?: string[] }): string {
  return JSON.stringify({ functions: parts.functions ?? [], classes: parts.classes ?? [], modules: parts.modules ?? [], notes: parts.notes ?? [] });
}

/** A function proposal: just the name unless hints are given. */
export function proposal(name: string, extra: { pure?: boolean; params?: Record<string, string>; returns?: string } = {}): unknown {
  const types = extra.params || extra.returns
    ? { params: Object.entries(extra.params ?? {}).map(([parameter, type]) => ({ name: parameter, type })), returns: extra.returns ?? null }
    : null;
  return { name, pure: extra.pure ?? null, types };
}
