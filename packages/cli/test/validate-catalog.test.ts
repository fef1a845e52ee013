import { CatalogError, type Catalog } from "@snakepit/core";
import { describe, expect, test } from "vitest";
import { lockCatalog } from "../src/catalog/lock-catalog.js";
import { CatalogValidationError } from "../src/catalog/catalog-validation-error.js";
import { validateCatalog } from "../src/catalog/validate-catalog.js";
import { catalogLockVersion } from "../src/lock/catalog-lock.js";
import { allDescriptions, seedCatalog } from "./fixtures/descriptions.js";
import { FixedIntrospector } from "./support/fixed-introspector.js";

const introspector = () => new FixedIntrospector(allDescriptions);
const problemsOf = async (catalog: Catalog) => (await validateCatalog(catalog, introspector())).problems;

describe("catalog validation against the installed libraries", () => {
  test("the seed catalog is valid and locks signatures, docs and versions", async () => {
    const { lock, warnings } = await lockCatalog(seedCatalog, introspector(), { python: "3.11.7" });
    expect(warnings).toEqual([]);
    expect(lock.version).toBe(catalogLockVersion);
    expect(lock.python).toBe("3.11.7");
    expect(lock.libraries.numpy?.distribution).toEqual({ name: "numpy", version: "2.4.6" });
    expect(lock.libraries.sklearn).toMatchObject({ module: "sklearn", requirement: "scikit-learn>=1.3", distribution: { name: "scikit-learn", version: "1.5.2" } });
    const accuracy = lock.libraries.sklearn?.functions[0];
    expect(accuracy?.declared).toBe("metrics.accuracy_score");
    expect(accuracy?.description.parameters?.map((parameter) => parameter.name)).toEqual(["y_true", "y_pred", "normalize", "sample_weight"]);
    expect(accuracy?.description.doc).toContain("Accuracy classification score.");
    expect(lock.libraries.sklearn?.classes[0]?.description.methods.map((method) => method.name)).toContain("fit");
    expect(lock.libraries.statistics?.classes[0]?.declared).toBe("NormalDist");
  });

  test("a misspelled function fails with the suggestion, and the declaration to write", async () => {
    const problems = await problemsOf({ numpy: { package: "numpy", functions: ["mena", "linalg.nrom", "lnalg.norm"] } });
    expect(problems).toEqual([
      expect.objectContaining({ library: "numpy", declared: "mena", kind: "misspelled", suggestion: "mean", message: 'numpy has no "mena" in the installed numpy 2.4.6; did you mean "mean"?' }),
      expect.objectContaining({ declared: "linalg.nrom", kind: "misspelled", suggestion: "linalg.norm" }),
      expect.objectContaining({ declared: "lnalg.norm", kind: "misspelled", suggestion: "linalg.norm" }),
    ]);
  });

  test("a swap of letters suggests the anagram, not a shorter name", async () => {
    const [problem] = await problemsOf({ statistics: { functions: ["medain"] } });
    expect(problem?.suggestion).toBe("median");
  });

  test("a name with nothing close is missing, with the installed version named", async () => {
    const [problem] = await problemsOf({ sklearn: { package: "scikit-learn", functions: ["metrics.completely_unknown"] } });
    expect(problem).toMatchObject({ kind: "missing", path: "sklearn.metrics.completely_unknown" });
    expect(problem?.message).toContain('sklearn.metrics has no "completely_unknown" in the installed scikit-learn 1.5.2');
  });

  test("a value is not callable; a class under functions and a module under functions are in the wrong section", async () => {
    const problems = await problemsOf({
      typed_tools: { path: "./typed_tools", functions: ["VERSION"] },
      statistics: { functions: ["NormalDist"] },
      numpy: { functions: ["linalg"] },
    });
    expect(problems.map((problem) => [problem.declared, problem.kind])).toEqual([["VERSION", "not-callable"], ["NormalDist", "wrong-kind"], ["linalg", "not-callable"]]);
    expect(problems[0]?.message).toContain("typed_tools.VERSION is a str value, not callable");
    expect(problems[1]?.message).toContain('move it to "classes"');
    expect(problems[2]?.message).toContain('list it under "modules"');
  });

  test("a missing class method is reported with a suggestion; found methods are kept", async () => {
    const { problems } = await validateCatalog({ sklearn: { classes: [{ name: "ensemble.RandomForestClassifier", methods: ["fit", "predcit", "transform"] }] } }, introspector());
    expect(problems).toEqual([
      expect.objectContaining({ declared: "ensemble.RandomForestClassifier.predcit", kind: "misspelled", suggestion: "ensemble.RandomForestClassifier.predict" }),
      expect.objectContaining({ declared: "ensemble.RandomForestClassifier.transform", kind: "missing" }),
    ]);
  });

  test("a library whose module cannot be imported is one problem, and its names are not checked", async () => {
    const problems = await problemsOf({ scikit: { package: "scikit-learn", functions: ["a", "b"] } });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ kind: "import-failed", declared: "scikit" });
    expect(problems[0]?.message).toContain('Set "module" to the name you would `import`');
  });

  test("an installed version outside the requirement is reported", async () => {
    const [problem] = await problemsOf({ numpy: { package: "numpy>=3", functions: ["mean"] } });
    expect(problem).toMatchObject({ kind: "version-mismatch" });
    expect(problem?.message).toContain('numpy 2.4.6, which does not satisfy ">=3"');
  });

  test("modules imported whole lock every public function and class", async () => {
    const { lock } = await lockCatalog({ numpy: { modules: ["linalg"] } }, new FixedIntrospector([...allDescriptions, {
      kind: "function", path: "numpy.linalg.norm", name: "norm", isAsync: false, isGenerator: false, parameters: [{ name: "x", kind: "positional_or_keyword" }],
    }]));
    const linalg = lock.libraries.numpy?.modules[0];
    expect(linalg?.functions.map((description) => description.name)).toContain("norm");
  });

  test("lockCatalog fails with a CatalogError listing every problem, and keeps the structured report", async () => {
    const failure = await lockCatalog({ numpy: { functions: ["mena"] }, statistics: { functions: ["medain"] } }, introspector()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CatalogError);
    expect(failure).toBeInstanceOf(CatalogValidationError);
    const error = failure as CatalogValidationError;
    expect(error.message).toContain("(2 problems); nothing was written or generated");
    expect(error.message).toContain('libraries.numpy: "mena": numpy has no "mena"');
    expect(error.problems).toHaveLength(2);
    expect(error.report.map((problem) => problem.suggestion)).toEqual(["mean", "median"]);
  });
});
