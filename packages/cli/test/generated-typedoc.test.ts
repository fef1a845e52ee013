import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Application, normalizePath, type JSONOutput } from "typedoc";
import { afterAll, beforeAll, expect, test } from "vitest";
import { generateBindings } from "../src/codegen/generate-bindings.js";
import { writeGeneratedFiles } from "../src/codegen/write-generated.js";
import { outputFolder } from "./support/output-folder.js";
import { seedLock } from "./support/seed-lock.js";

let folder: Awaited<ReturnType<typeof outputFolder>>;

beforeAll(async () => {
  folder = await outputFolder("typedoc");
  await writeGeneratedFiles(folder.path, generateBindings(await seedLock()));
  await writeFile(join(folder.path, "tsconfig.json"), JSON.stringify({
    compilerOptions: { strict: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2023", lib: ["ESNext"], types: ["node"], skipLibCheck: true, noEmit: true },
    include: ["snakepit.generated.ts", "snakepit.generated/**/*.ts"],
  }));
});

afterAll(() => folder.cleanup());

/** Depth-first search of typedoc's JSON model by qualified name. */
function find(reflection: JSONOutput.ContainerReflection, path: readonly string[]): JSONOutput.DeclarationReflection | undefined {
  const [head, ...rest] = path;
  const child = reflection.children?.find((candidate) => candidate.name === head);
  if (!child || rest.length === 0) return child;
  return find(child, rest);
}

test("typedoc renders the generated wrappers with the Python docs", async () => {
  const app = await Application.bootstrap({
    entryPoints: [join(folder.path, "snakepit.generated.ts")],
    tsconfig: join(folder.path, "tsconfig.json"),
    logLevel: "Error",
    skipErrorChecking: false,
  });
  const project = await app.convert();
  expect(project, "typedoc could not convert the generated code").toBeDefined();
  if (!project) return;
  const json = app.serializer.projectToObject(project, normalizePath(folder.path));
  const accuracy = find(json, ["sklearn", "metrics", "accuracy_score"]);
  const signature = accuracy?.signatures?.[0];
  const summary = signature?.comment?.summary.map((part) => part.text).join("") ?? "";
  expect(summary).toContain("Accuracy classification score.");
  const parameters = signature?.parameters?.map((parameter) => parameter.name);
  expect(parameters).toEqual(["y_true", "y_pred", "options"]);
  const yTrue = signature?.parameters?.[0]?.comment?.summary.map((part) => part.text).join("") ?? "";
  expect(yTrue).toContain("Ground truth (correct) labels.");
  expect(signature?.comment?.blockTags?.map((tag) => tag.tag)).toEqual(expect.arrayContaining(["@returns", "@example", "@see"]));
  const forest = find(json, ["sklearn", "ensemble", "RandomForestClassifier"]);
  expect(forest?.children?.map((child) => child.name)).toEqual(expect.arrayContaining(["create", "fit", "predict", "dispose"]));
  expect(app.logger.hasErrors()).toBe(false);
}, 120_000);
