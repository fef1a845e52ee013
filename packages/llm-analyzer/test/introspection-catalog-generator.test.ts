import { CancelledError, CatalogError, defineCatalog } from "@snakepit/core";
import { describe, expect, test } from "vitest";
import { IntrospectionCatalogGenerator } from "../src/index.js";
import { scikitLearnDescriptions, scikitLearnPackage } from "./fixtures/scikit-learn.js";
import { statisticsDescriptions, statisticsPackage } from "./fixtures/statistics.js";
import { FixtureIntrospector } from "./support/fixture-introspector.js";

const now = () => new Date("2025-01-02T03:04:05.000Z");

describe("IntrospectionCatalogGenerator", () => {
  test("drafts statistics: documented functions, the class with its methods, no exception class", async () => {
    const draft = await new IntrospectionCatalogGenerator({ now }).generate({ ...statisticsPackage, introspector: new FixtureIntrospector(statisticsDescriptions) });

    expect(draft.library).toEqual({
      package: "statistics",
      module: "statistics",
      functions: ["correlation", "mean", "median", "mode", "quantiles", "stdev", "variance"],
      classes: [{ name: "NormalDist", methods: ["cdf", "from_samples", "inv_cdf", "overlap", "pdf", "quantiles", "samples", "zscore"] }],
      generatedBy: { generator: "introspection", at: "2025-01-02T03:04:05.000Z" },
    });
    expect(draft.dropped).toEqual([]);
    expect(() => defineCatalog({ statistics: draft.library })).not.toThrow();
  });

  test("turns doctest sessions into examples", async () => {
    const draft = await new IntrospectionCatalogGenerator().generate({ ...statisticsPackage, introspector: new FixtureIntrospector(statisticsDescriptions) });

    expect(draft.examples["mean"]).toEqual([
      ">>> mean([1, 2, 3, 4, 4])\n2.8",
      ">>> from fractions import Fraction as F\n>>> mean([F(3, 7), F(1, 21), F(5, 3), F(1, 3)])\nFraction(13, 21)",
      ">>> from decimal import Decimal as D\n>>> mean([D(\"0.5\"), D(\"0.75\"), D(\"0.625\"), D(\"0.375\")])\nDecimal('0.5625')",
    ]);
    expect(draft.examples["quantiles"]).toBeUndefined();
  });

  test("drafts scikit-learn broadly from its submodules, ranked, within maxEntries", async () => {
    const introspector = new FixtureIntrospector(scikitLearnDescriptions);
    const draft = await new IntrospectionCatalogGenerator({ maxMethodsPerClass: 4 }).generate({ ...scikitLearnPackage, introspector, maxEntries: 6 });

    expect(draft.library.functions).toEqual(["clone", "metrics.accuracy_score", "model_selection.cross_val_score"]);
    expect(draft.library.classes).toEqual([
      { name: "ensemble.RandomForestClassifier", methods: ["apply", "decision_path", "fit", "predict"] },
      { name: "linear_model.LinearRegression", methods: ["fit", "predict", "score", "get_metadata_routing"] },
      { name: "preprocessing.StandardScaler", methods: ["fit", "fit_transform", "inverse_transform", "transform"] },
    ]);
    expect(draft.warnings.join("\n")).toMatch(/9 more public names were left out by maxEntries=6 \(next: linear_model.LogisticRegression/);
    expect(() => defineCatalog({ sklearn: draft.library })).not.toThrow();
  });

  test("lists whole the submodules a tight bound left out, never one of only exceptions", async () => {
    const introspector = new FixtureIntrospector(scikitLearnDescriptions);
    const draft = await new IntrospectionCatalogGenerator().generate({ ...scikitLearnPackage, introspector, maxEntries: 2 });

    expect(draft.library.functions).toEqual(["clone"]);
    expect(draft.library.classes?.map((entry) => (typeof entry === "string" ? entry : entry.name))).toEqual(["ensemble.RandomForestClassifier"]);
    expect(draft.library.modules).toEqual(["metrics", "linear_model", "model_selection", "preprocessing"]);
    expect(draft.warnings.join("\n")).toMatch(/listed whole under modules: review them/);
  });

  test("never drafts an exception class, and every drafted name exists", async () => {
    const introspector = new FixtureIntrospector(scikitLearnDescriptions);
    const draft = await new IntrospectionCatalogGenerator().generate({ ...scikitLearnPackage, introspector });

    const classNames = (draft.library.classes ?? []).map((entry) => (typeof entry === "string" ? entry : entry.name));
    expect(classNames).not.toContain("exceptions.NotFittedError");
    expect(classNames).toContain("linear_model.LogisticRegression");
    for (const name of [...(draft.library.functions ?? []).map(String), ...classNames]) {
      await expect(introspector.describe(`sklearn.${name}`)).resolves.toBeDefined();
    }
    expect(draft.examples["metrics.accuracy_score"]?.[0]).toMatch(/^>>> from sklearn.metrics import accuracy_score/);
    expect(draft.examples["ensemble.RandomForestClassifier"]?.[0]).toContain("clf = RandomForestClassifier(max_depth=2, random_state=0)");
  });

  test("a module that does not import is a CatalogError that says to install the package", async () => {
    const attempt = new IntrospectionCatalogGenerator().generate({ packageName: "no-such", module: "no_such", requirement: "no-such", introspector: new FixtureIntrospector([]) });

    await expect(attempt).rejects.toThrow(CatalogError);
    await expect(attempt).rejects.toThrow(/does not import in this environment. Install no-such first/);
  });

  test("an aborted signal rejects with CancelledError before introspecting", async () => {
    const introspector = new FixtureIntrospector(statisticsDescriptions);
    await expect(new IntrospectionCatalogGenerator().generate({ ...statisticsPackage, introspector, signal: AbortSignal.abort() })).rejects.toThrow(CancelledError);
    expect(introspector.requests).toEqual([]);
  });
});
