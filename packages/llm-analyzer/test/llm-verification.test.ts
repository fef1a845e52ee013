import { defineCatalog } from "@snakepit/core";
import { afterEach, describe, expect, test } from "vitest";
import { scikitLearnDescriptions, scikitLearnPackage } from "./fixtures/scikit-learn.js";
import { statisticsDescriptions, statisticsPackage } from "./fixtures/statistics.js";
import { FixtureIntrospector } from "./support/fixture-introspector.js";
import { ScriptedChatServer } from "../src/testing/index.js";
import { generatorFor, proposal, reply } from "./support/scripted-generator.js";

describe("LlmCatalogGenerator checks every name against introspection", () => {
  let server: ScriptedChatServer | undefined;
  afterEach(async () => server?.close());

  test("drops invented functions, classes and methods, reports them, and keeps the rest without a retry", async () => {
    server = await ScriptedChatServer.start([reply({
      functions: [proposal("metrics.accuracy_score"), proposal("metrics.balanced_precision_recall"), proposal("auto_ml"), proposal("metrics._check_targets"), proposal("ensemble.RandomForestClassifier")],
      classes: [
        { name: "ensemble.RandomForestClassifier", methods: [proposal("fit"), proposal("explain_predictions"), proposal("predict")] },
        { name: "neural_network.TransformerClassifier", methods: null },
        { name: "metrics", methods: null },
      ],
      modules: ["metrics", "deep_learning"],
    })]);
    const draft = await generatorFor(server).generate({ ...scikitLearnPackage, introspector: new FixtureIntrospector(scikitLearnDescriptions) });

    expect(draft.library.functions).toEqual(["metrics.accuracy_score"]);
    expect(draft.library.classes).toEqual(["ensemble.RandomForestClassifier"]);
    expect(draft.library.modules).toBeUndefined();
    expect(draft.dropped).toEqual([
      "metrics.balanced_precision_recall", "auto_ml", "metrics._check_targets",
      "neural_network.TransformerClassifier", "metrics", "deep_learning",
    ]);
    expect(draft.warnings).toEqual([
      "\"metrics._check_targets\" was dropped: it is private (a part starts with _).",
      "ensemble.RandomForestClassifier is a class, not a function; it was moved to classes.",
      "metrics was dropped: it is a module, not a class.",
    ]);
    expect(server.requests).toHaveLength(1);
  });

  test("drops invented methods of a real class and reports them as Class.method", async () => {
    server = await ScriptedChatServer.start([reply({
      classes: [{ name: "linear_model.LogisticRegression", methods: [proposal("fit"), proposal("explain"), proposal("predict_proba"), proposal("_validate_params")] }],
    })]);
    const draft = await generatorFor(server).generate({ ...scikitLearnPackage, introspector: new FixtureIntrospector(scikitLearnDescriptions) });

    expect(draft.library.classes).toEqual([{ name: "linear_model.LogisticRegression", methods: ["fit", "predict_proba"] }]);
    expect(draft.dropped).toEqual(["linear_model.LogisticRegression.explain", "linear_model.LogisticRegression._validate_params"]);
  });

  test("fixes wrong parameter names in type hints from the real signature, and warns", async () => {
    server = await ScriptedChatServer.start([reply({
      functions: [proposal("metrics.accuracy_score", { pure: true, params: { y_true_labels: "number[]", y_predicted: "number[]", normalise: "boolean", weights: "number[]" }, returns: "number" })],
      classes: [{ name: "NormalDist", methods: [proposal("samples", { params: { count: "number", seed: "number | null" } })] }],
    })]);
    const introspector = new FixtureIntrospector(scikitLearnDescriptions, statisticsDescriptions.map((description) => ({ ...description, path: `sklearn.${description.path.replace(/^statistics\.?/, "")}` })));
    const draft = await generatorFor(server).generate({ ...scikitLearnPackage, introspector });

    expect(draft.library.functions).toEqual([
      { name: "metrics.accuracy_score", pure: true, types: { params: { y_true: "number[]", y_pred: "number[]", normalize: "boolean" }, returns: "number" } },
    ]);
    expect(draft.warnings).toEqual([
      "metrics.accuracy_score: parameter \"y_true_labels\" does not exist; its type hint now applies to \"y_true\" (signature: y_true, y_pred, normalize, sample_weight).",
      "metrics.accuracy_score: parameter \"y_predicted\" does not exist; its type hint now applies to \"y_pred\" (signature: y_true, y_pred, normalize, sample_weight).",
      "metrics.accuracy_score: parameter \"normalise\" does not exist; its type hint now applies to \"normalize\" (signature: y_true, y_pred, normalize, sample_weight).",
      "metrics.accuracy_score: parameter \"weights\" does not exist and matches none of (y_true, y_pred, normalize, sample_weight); its type hint was dropped.",
      "NormalDist.samples: parameter \"count\" does not exist and matches none of (n, seed); its type hint was dropped.",
    ]);
    expect(draft.library.classes).toEqual([{ name: "NormalDist", methods: [{ name: "samples", types: { params: { seed: "number | null" } } }] }]);
    expect(() => defineCatalog({ sklearn: draft.library })).not.toThrow();
  });

  test("keeps at most maxEntries, taking functions and classes in turn, and says what it cut", async () => {
    server = await ScriptedChatServer.start([reply({
      functions: ["mean", "median", "stdev", "variance"].map((name) => proposal(name)),
      classes: [{ name: "NormalDist", methods: null }],
    })]);
    const draft = await generatorFor(server).generate({ ...statisticsPackage, introspector: new FixtureIntrospector(statisticsDescriptions), maxEntries: 3 });

    expect(draft.library.functions).toEqual(["mean", "median"]);
    expect(draft.library.classes).toEqual(["NormalDist"]);
    expect(draft.warnings).toEqual(["maxEntries is 3: 2 more valid names were left out (stdev, variance)."]);
    expect(draft.examples["mean"]).toHaveLength(3);
  });
});
