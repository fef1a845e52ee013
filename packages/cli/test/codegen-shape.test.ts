import { describe, expect, test } from "vitest";
import { generateBindings, type GeneratedFile } from "../src/codegen/generate-bindings.js";
import { seedLock } from "./support/seed-lock.js";

const files = generateBindings(await seedLock());
const file = (path: string): string => {
  const found = files.find((candidate: GeneratedFile) => candidate.path === path);
  if (!found) throw new Error(`${path} was not generated; got ${files.map((candidate) => candidate.path).join(", ")}`);
  return found.text;
};

describe("generated code shape", () => {
  test("an index re-exports one namespace per library and the binder", () => {
    const index = file("snakepit.generated.ts");
    expect(index).toContain('export { useSnakepit, type ArrayInput, type DataFrame, type NestedNumbers, type Series } from "./snakepit.generated/_runtime.js";');
    for (const key of ["numpy", "sklearn", "pandas", "statistics", "typed_tools"]) {
      expect(index).toContain(`export * as ${key} from "./snakepit.generated/${key}.js";`);
    }
  });

  test("Python submodules become nested namespaces", () => {
    expect(file("snakepit.generated/sklearn.ts")).toContain('export * as metrics from "./sklearn/metrics.js";');
    expect(file("snakepit.generated/sklearn.ts")).toContain('export * as ensemble from "./sklearn/ensemble.js";');
    expect(file("snakepit.generated/sklearn/metrics.ts")).toContain('import { snakepit } from "../_runtime.js";');
  });

  test("required parameters stay positional; keyword-only and defaulted ones go in an options object", () => {
    const metrics = file("snakepit.generated/sklearn/metrics.ts");
    expect(metrics).toContain("export async function accuracy_score(\n  y_true: unknown,\n  y_pred: unknown,\n  options: {\n    readonly normalize?: boolean;\n    readonly sample_weight?: unknown;\n  } = {},\n): Promise<unknown> {");
    expect(metrics).toContain('return snakepit().call<unknown>("sklearn.metrics.accuracy_score", [y_true, y_pred], { ...options });');
    const numpy = file("snakepit.generated/numpy.ts");
    expect(numpy).toMatch(/export async function linspace\(\n {2}start: ArrayInput,\n {2}stop: ArrayInput,\n {2}options: \{\n {4}readonly num\?: number;\n {4}readonly endpoint\?: boolean;/);
  });

  test("annotations map to TS types, never any", () => {
    const tools = file("snakepit.generated/typed_tools.ts");
    expect(tools).toContain("values: readonly number[],");
    expect(tools).toContain("weights: readonly number[] | null | undefined,"); // optional, but before a required options object
    expect(tools).toContain('readonly mode?: "mean" | "median";');
    expect(tools).toContain("readonly labels?: Record<string, ArrayInput> | null;");
    expect(tools).toContain("readonly from: number;");
    expect(tools).toContain("readonly [keyword: string]: unknown;");
    expect(tools).toContain("): Promise<[number, string]> {");
    const pandas = file("snakepit.generated/pandas.ts");
    expect(pandas).toContain('readonly header?: number | readonly number[] | null | "infer";');
    expect(pandas).toContain("readonly sep?: unknown;"); // str | None | lib.NoDefault: one unknown part makes it unknown
    expect(pandas).toContain("readonly nrows?: number | null;");
    for (const generated of files) expect(generated.text).not.toMatch(/(:\s*any\b|<any\b|\bany\[\]|\| any\b|\bas any\b)/);
  });

  test("reserved words are renamed locally and exported under the Python name", () => {
    const tools = file("snakepit.generated/typed_tools.ts");
    expect(tools).toContain("async function delete_(\n  paths: readonly string[] = [],");
    expect(tools).toContain("export { delete_ as delete };");
    expect(tools).toContain('return snakepit().call<number>("typed_tools.delete", [...paths], { ...options });');
  });

  test("generator functions stream their items", () => {
    expect(file("snakepit.generated/typed_tools.ts")).toContain('export async function* count_up(start: number): AsyncGenerator<number> {\n  yield* snakepit().stream<number>("typed_tools.count_up", [start], {});');
  });

  test("functions without a signature take ...args and kw() keyword arguments", () => {
    expect(file("snakepit.generated/typed_tools.ts")).toContain("export async function legacy(...args: unknown[]): Promise<unknown> {\n  const split = splitKwargs(args);\n  return snakepit().call<unknown>(\"typed_tools.legacy\", split.args, split.kwargs);");
    expect(file("snakepit.generated/typed_tools.ts")).toContain('import { splitKwargs } from "@snakepit/core";');
  });

  test("classes wrap a remote object with create, methods and disposal", () => {
    const ensemble = file("snakepit.generated/sklearn/ensemble.ts");
    expect(ensemble).toContain("export class RandomForestClassifier implements AsyncDisposable {");
    expect(ensemble).toContain("static async create(\n    options: {\n      readonly n_estimators?: number;\n      readonly criterion?: \"gini\" | \"entropy\" | \"log_loss\";");
    expect(ensemble).toContain('return new RandomForestClassifier(await snakepit().create("sklearn.ensemble.RandomForestClassifier", [], { ...options }));');
    expect(ensemble).toContain('return this.remote.call<unknown>("fit", [X, y], { ...options });');
    expect(ensemble).toContain("[Symbol.asyncDispose](): Promise<void> {");
    expect(ensemble).toContain("readonly [keyword: string]: unknown;"); // set_params(**params)
  });

  test("docstrings become TSDoc: @param per parameter, @returns, @example, @see", () => {
    const metrics = file("snakepit.generated/sklearn/metrics.ts");
    expect(metrics).toContain(" * Accuracy classification score.");
    expect(metrics).toContain(" * @param y_true - (1d array-like, or label indicator array / sparse matrix) Ground truth (correct) labels.");
    expect(metrics).toContain(" * @param options.normalize - (bool, default=True) If ``False``, return the number of correctly classified samples.");
    expect(metrics).toContain(" * @returns float: If ``normalize == True``");
    expect(metrics).toContain(" * @example\n * ```python\n * >>> from sklearn.metrics import accuracy_score");
    expect(metrics).toContain(" * @see Python `sklearn.metrics.accuracy_score` (scikit-learn 1.5.2)");
    const tools = file("snakepit.generated/typed_tools.ts");
    expect(tools).toContain(" * @param values - (list[float]) The numbers."); // Google "Args:"
    expect(tools).toContain(" * @throws PythonError when Python raises ValueError: If values is empty.");
    expect(tools).toContain("Uses a \\@decorator *\\/ safely."); // cannot close the comment or start a tag
  });

  test("output is deterministic", async () => {
    expect(generateBindings(await seedLock())).toEqual(files);
  });
});
