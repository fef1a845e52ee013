import { defineCatalog } from "@snakepit/core";
import { afterEach, describe, expect, test } from "vitest";
import { StaticPackageMetadataSource } from "../src/index.js";
import { scikitLearnDescriptions, scikitLearnMetadata, scikitLearnPackage } from "./fixtures/scikit-learn.js";
import { FixtureIntrospector } from "./support/fixture-introspector.js";
import { ScriptedChatServer } from "../src/testing/index.js";
import { generatorFor, proposal, reply } from "./support/scripted-generator.js";

const goodReply = reply({
  functions: [
    proposal("metrics.accuracy_score", { pure: true, params: { y_true: "ArrayLike<number>", y_pred: "ArrayLike<number>" }, returns: "number" }),
    proposal("model_selection.train_test_split"),
  ],
  classes: [{ name: "ensemble.RandomForestClassifier", methods: [proposal("fit"), proposal("predict", { params: { X: "number[][]" }, returns: "number[]" })] }, { name: "preprocessing.StandardScaler", methods: null }],
  notes: ["train_test_split shuffles with a random state, so it is not pure."],
});

describe("LlmCatalogGenerator with a good reply", () => {
  let server: ScriptedChatServer | undefined;
  afterEach(async () => server?.close());

  test("returns the verified draft, valid for defineCatalog, with who generated it", async () => {
    server = await ScriptedChatServer.start([goodReply]);
    const draft = await generatorFor(server).generate({ ...scikitLearnPackage, introspector: new FixtureIntrospector(scikitLearnDescriptions) });

    expect(draft.library).toEqual({
      package: "scikit-learn>=1.3",
      module: "sklearn",
      functions: [
        { name: "metrics.accuracy_score", pure: true, types: { params: { y_true: "ArrayLike<number>", y_pred: "ArrayLike<number>" }, returns: "number" } },
        "model_selection.train_test_split",
      ],
      classes: [
        { name: "ensemble.RandomForestClassifier", methods: ["fit", { name: "predict", types: { params: { X: "number[][]" }, returns: "number[]" } }] },
        "preprocessing.StandardScaler",
      ],
      generatedBy: { generator: "llm", model: "scripted-model", at: "2025-01-02T03:04:05.000Z" },
    });
    expect(draft.dropped).toEqual([]);
    expect(draft.warnings).toEqual(["model note: train_test_split shuffles with a random state, so it is not pure."]);
    expect(() => defineCatalog({ sklearn: draft.library })).not.toThrow();
  });

  test("attaches docstring examples of the kept entries", async () => {
    server = await ScriptedChatServer.start([goodReply]);
    const draft = await generatorFor(server).generate({ ...scikitLearnPackage, introspector: new FixtureIntrospector(scikitLearnDescriptions) });

    expect(draft.examples["metrics.accuracy_score"]).toEqual([
      ">>> from sklearn.metrics import accuracy_score\n>>> y_pred = [0, 2, 1, 3]\n>>> y_true = [0, 1, 2, 3]\n>>> accuracy_score(y_true, y_pred)\n0.5\n>>> accuracy_score(y_true, y_pred, normalize=False)\n2.0",
    ]);
    expect(draft.examples["model_selection.train_test_split"]?.[0]).toContain("train_test_split(\n...     X, y, test_size=0.33, random_state=42)");
    expect(Object.keys(draft.examples)).not.toContain("linear_model.LogisticRegression");
  });

  test("sends the key, the model, a strict JSON schema, the few-shot examples and what is installed", async () => {
    server = await ScriptedChatServer.start([goodReply]);
    const metadata = new StaticPackageMetadataSource([{ ...scikitLearnMetadata, stubs: { "sklearn.metrics": "def accuracy_score(y_true, y_pred, *, normalize: bool = ..., sample_weight=...) -> float: ..." } }]);
    await generatorFor(server, { metadata }).generate({ ...scikitLearnPackage, introspector: new FixtureIntrospector(scikitLearnDescriptions), maxEntries: 8 });

    const [request] = server.requests;
    expect(request?.authorization).toBe("Bearer test-key");
    expect(request?.model).toBe("scripted-model");
    expect(request?.responseFormat).toMatchObject({ type: "json_schema", json_schema: { name: "snakepit_catalog_draft", strict: true, schema: { type: "object", required: ["functions", "classes", "modules", "notes"] } } });
    expect(request?.messages.map((message) => message.role)).toEqual(["system", "user", "assistant", "user", "assistant", "user"]);
    const user = request?.messages.at(-1)?.content ?? "";
    expect(user).toContain("Propose at most 8 functions and classes");
    expect(user).toContain("scikit-learn 1.5.2: A set of python modules for machine learning and data mining");
    expect(user).toContain("scikit-learn is a Python module for machine learning built on top of SciPy.");
    expect(user).toContain("# sklearn.metrics.pyi\ndef accuracy_score(");
    expect(user).toContain("- metrics.accuracy_score(y_true, y_pred, *, normalize=True, sample_weight=None)");
    expect(user).toContain("- model_selection.train_test_split(*arrays, test_size=None, train_size=None, random_state=None, shuffle=True, stratify=None)");
    expect(user).toContain("- class ensemble.RandomForestClassifier(n_estimators=100, *, criterion='gini'");
    expect(user).toContain("    - predict_proba(X) — Predict class probabilities for X.");
    expect(user).toContain("- metrics — Score functions, performance metrics");
    expect(user).not.toContain("NotFittedError");
  });

  test("with responseFormat json_object, asks for JSON mode and accepts a fenced reply", async () => {
    server = await ScriptedChatServer.start([`\`\`\`json\n${goodReply}\n\`\`\``]);
    const draft = await generatorFor(server, { responseFormat: "json_object" }).generate({ ...scikitLearnPackage, introspector: new FixtureIntrospector(scikitLearnDescriptions) });

    expect(server.requests[0]?.responseFormat).toEqual({ type: "json_object" });
    expect(draft.library.functions).toHaveLength(2);
  });
});
