import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, expect, test } from "vitest";
import { generateBindings } from "../src/codegen/generate-bindings.js";
import { writeGeneratedFiles } from "../src/codegen/write-generated.js";
import { outputFolder } from "./support/output-folder.js";
import { seedLock } from "./support/seed-lock.js";

/** A user's program against the generated wrappers; @ts-expect-error lines prove the types reject misuse. */
const usage = `import { createSnakepit } from "@snakepit/core";
import { InMemoryTransport } from "@snakepit/core/testing";
import { numpy, pandas, sklearn, statistics, typed_tools, useSnakepit, type DataFrame } from "./snakepit.generated.js";

useSnakepit(createSnakepit({ transport: new InMemoryTransport({}) }));

export async function program(): Promise<void> {
  const mean: unknown = await numpy.mean([1, 2, 3], { axis: 0, keepdims: false });
  const spaced: unknown = await numpy.linspace(0, 1, { num: 5 });
  await using clf = await sklearn.ensemble.RandomForestClassifier.create({ n_estimators: 50, criterion: "entropy" });
  await clf.fit([[0], [1]], [0, 1]);
  const accuracy: unknown = await sklearn.metrics.accuracy_score([0, 1], await clf.predict([[0], [1]]), { normalize: true });
  const frame: DataFrame = await pandas.read_csv("data.csv", { nrows: 10, header: "infer" });
  const median: unknown = await statistics.median([1, 2, 3]);
  const [value, label]: [number, string] = await typed_tools.summarize([1, 2], undefined, { from: 0, mode: "median", anything: 1 });
  const deleted: number = await typed_tools.delete(["a", "b"], { force: true });
  for await (const step of typed_tools.count_up(3)) {
    const typed: number = step;
    void typed;
  }
  const normal = await statistics.NormalDist.create({ mu: 0, sigma: 1 });
  await normal.cdf(0.5);
  await normal.dispose();
  // @ts-expect-error criterion is one of the documented choices
  await sklearn.ensemble.RandomForestClassifier.create({ criterion: "bogus" });
  // @ts-expect-error mode is Literal['mean', 'median']
  await typed_tools.summarize([1], null, { from: 0, mode: "mode" });
  // @ts-expect-error from is a required keyword-only argument
  await typed_tools.summarize([1]);
  // @ts-expect-error values is list[float]
  await typed_tools.summarize(["x"], null, { from: 0 });
  // @ts-expect-error a required positional argument is missing
  await sklearn.metrics.accuracy_score([0, 1]);
  void [mean, spaced, accuracy, frame, median, value, label, deleted];
}
`;

let folder: Awaited<ReturnType<typeof outputFolder>>;

beforeAll(async () => {
  folder = await outputFolder("typecheck");
  await writeGeneratedFiles(folder.path, generateBindings(await seedLock()));
  await writeFile(join(folder.path, "usage.ts"), usage);
});

afterAll(() => folder.cleanup());

test("generated code and a program using it type-check under tsc --strict", () => {
  const program = ts.createProgram([join(folder.path, "snakepit.generated.ts"), join(folder.path, "usage.ts")], {
    strict: true, noEmit: true, target: ts.ScriptTarget.ES2023, lib: ["lib.esnext.d.ts"], types: ["node"],
    module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
    noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, noImplicitOverride: true,
    verbatimModuleSyntax: true, isolatedModules: true, skipLibCheck: true, noUnusedLocals: true, noUnusedParameters: true,
  });
  const diagnostics = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file ? `${diagnostic.file.fileName.slice(folder.path.length + 1)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}` : "";
    return `${where} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`;
  });
  expect(diagnostics).toEqual([]);
}, 60_000);
