import { describe, expect, test } from "vitest";
import { fillTemplate, loadPromptFiles, parseFewShot } from "../src/llm/prompt/prompt-files.js";

describe("prompt files", () => {
  test("load from the package's prompts folder, every few-shot reply valid for the reply schema", async () => {
    const files = await loadPromptFiles();
    expect(files.system).toMatch(/^You draft catalog entries for Snakepit/);
    expect(files.fewShot.map((example) => example.file)).toEqual(["01-statistics.md", "02-pillow.md"]);
    for (const example of files.fewShot) expect(JSON.parse(example.assistant)).toHaveProperty("functions");
    expect(() => fillTemplate(files.request, { packageName: "p", module: "m", requirement: "p", maxEntries: "3", metadata: "", summary: "" })).not.toThrow();
    expect(fillTemplate(files.retry, { problems: "- wrong" })).toContain("- wrong");
  });

  test("a few-shot reply that breaks the schema is refused when loading, not sent to the model", () => {
    const text = "<!-- user -->\nDraft x.\n<!-- assistant -->\n```json\n{\"functions\": []}\n```";
    expect(() => parseFewShot("bad.md", text)).toThrow(/The reply in few-shot file bad.md does not match the reply schema/);
  });

  test("a template placeholder without a value is reported by name", () => {
    expect(() => fillTemplate("Hello {{name}}", {})).toThrow("Prompt template placeholder {{name}} has no value");
  });
});
