import { execa } from "execa";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { LibrarySpec } from "@snakepit/core";
import { catalogReplySchema, defaultModel, type CatalogReply } from "@snakepit/llm-analyzer";
import { ScriptedChatServer } from "@snakepit/llm-analyzer/testing";
import { loadConfig } from "snakepit";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { TemporaryProject } from "../support/temporary-project.js";

const config = `import { defineConfig } from "@snakepit/core";

export default defineConfig({
  python: "3.11",
  environment: { name: "llm-add" },
  libraries: {},
});
`;

/** What a model might answer for scikit-learn: real names, a misspelled hint, and three inventions. */
const reply: CatalogReply = catalogReplySchema.parse({
  functions: [
    { name: "metrics.accuracy_score", pure: true, types: { params: [{ name: "y_predicted", type: "readonly number[]" }], returns: "number" } },
    { name: "metrics.f1_score", pure: true, types: null },
    { name: "model_selection.train_test_split", pure: null, types: null },
    { name: "metrics.magic_score", pure: true, types: null },
  ],
  classes: [
    {
      name: "ensemble.RandomForestClassifier",
      methods: [{ name: "fit", pure: false, types: null }, { name: "predict", pure: null, types: null }, { name: "score", pure: null, types: null }, { name: "explain", pure: null, types: null }],
    },
    { name: "linear_model.LogisticRegression", methods: [{ name: "fit", pure: false, types: null }, { name: "predict_proba", pure: null, types: null }] },
    { name: "ensemble.QuantumForest", methods: null },
  ],
  modules: [],
  notes: ["RandomForestClassifier.fit mutates the estimator."],
});
const invented = ["metrics.magic_score", "ensemble.QuantumForest", "ensemble.RandomForestClassifier.explain"];

/** Every dotted name of an entry: functions, classes, their methods, whole modules. */
function declaredNames(library: LibrarySpec): string[] {
  const name = (entry: string | { readonly name: string }) => (typeof entry === "string" ? entry : entry.name);
  return [
    ...(library.functions ?? []).map(name),
    ...(library.classes ?? []).flatMap((entry) => [name(entry), ...(typeof entry === "string" ? [] : (entry.methods ?? []).map((method) => `${entry.name}.${name(method)}`))]),
    ...(library.modules ?? []),
  ];
}

/** Resolves each dotted name in the real interpreter (import the longest module prefix, then getattr) and prints the ones that do not exist. */
const resolveNames = `
import importlib, json, sys
missing = []
for path in json.loads(sys.argv[1]):
    parts = path.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target = importlib.import_module(".".join(parts[:cut]))
            break
        except ImportError:
            continue
    try:
        for part in parts[cut:]:
            target = getattr(target, part)
    except AttributeError:
        missing.append(path)
print(json.dumps(missing))
`;

describe("snakepit add scikit-learn --llm against a scripted chat-completions server", () => {
  let project: TemporaryProject;
  let server: ScriptedChatServer;

  beforeAll(async () => {
    server = await ScriptedChatServer.start(() => JSON.stringify(reply));
    project = await TemporaryProject.create("llm-add");
    await project.write("snakepit.config.ts", config);
  }, 600_000);
  afterAll(() => server.close());

  test("writes only names that exist, reports the invented ones, records the model, and the wrappers compile", async () => {
    const added = await project.cli(["add", "scikit-learn", "--llm", "--yes"], { env: { OPENAI_API_KEY: "test", OPENAI_BASE_URL: server.baseURL } });
    const transcript = `${added.stdout}\n${added.stderr}`;
    expect(added.exitCode, transcript).toBe(0);
    expect(server.requests.length).toBeGreaterThan(0);
    expect(server.requests[0]?.authorization).toBe("Bearer test");
    // The package's own metadata, read through a worker with importlib.metadata, is in the prompt.
    expect(server.requests[0]?.messages.map((message) => message.content).join("\n")).toMatch(/scikit-learn \d[^\n]*: .*\n\nREADME:\n/);
    expect(added.stderr).not.toContain("could not read the metadata");
    expect(added.stdout).toMatch(/Dropped \(not found in the installed package\): .*metrics\.magic_score/);
    for (const name of invented) expect(added.stdout).toContain(name);

    const source = await readFile(join(project.dir, "snakepit.config.ts"), "utf8");
    for (const name of ["magic_score", "QuantumForest", "explain"]) expect(source).not.toContain(name);
    const { config: written } = await loadConfig(project.dir, { fresh: true });
    const library = written.libraries.sklearn;
    expect(library).toBeDefined();
    expect(library?.generatedBy).toMatchObject({ generator: "llm", model: defaultModel });
    expect(server.requests[0]?.model).toBe(defaultModel);

    const names = declaredNames(library ?? {});
    expect(names).toEqual(expect.arrayContaining(["metrics.accuracy_score", "metrics.f1_score", "model_selection.train_test_split", "ensemble.RandomForestClassifier", "ensemble.RandomForestClassifier.fit", "linear_model.LogisticRegression"]));
    const python = await project.environmentPython("llm-add");
    const checked = await execa(python, ["-c", resolveNames, JSON.stringify(names.map((name) => `sklearn.${name}`))]);
    expect(JSON.parse(checked.stdout)).toEqual([]);

    // add ran sync: the lock and the wrappers are current, so a plain sync changes nothing and passes.
    const lock = JSON.parse(await readFile(join(project.dir, ".snakepit", "catalog.lock.json"), "utf8")) as { libraries: Record<string, unknown> };
    expect(Object.keys(lock.libraries)).toEqual(["sklearn"]);
    const compiled = await project.compile();
    expect(compiled.exitCode, `${compiled.stdout}\n${compiled.stderr}`).toBe(0);
    const synced = await project.cli(["sync"]);
    expect(synced.exitCode, `${synced.stdout}\n${synced.stderr}`).toBe(0);
  }, 600_000);
});
