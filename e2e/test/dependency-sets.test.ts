import { afterAll, expect, test } from "vitest";
import { pythonDeps } from "snakepit";
import { TemporaryProject } from "../support/temporary-project.js";

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
});

test("each distinct dependency set gets its own locked environment and pool; equal sets share one", async () => {
  const project = await TemporaryProject.create("dependency-sets");
  const statistics = pythonDeps(["six"], { projectDir: project.dir, workers: 1 });
  const sameSetReordered = pythonDeps([" six "], { projectDir: project.dir, workers: 1 });
  const other = pythonDeps(["idna", "six"], { projectDir: project.dir, workers: 1 });
  closers.push(() => statistics.close(), () => other.close());
  expect(sameSetReordered.name).toBe(statistics.name);
  expect(other.name).not.toBe(statistics.name);

  const [first, second, third] = await Promise.all([statistics.snakepit(), sameSetReordered.snakepit(), other.snakepit()]);
  expect(second).toBe(first);
  expect(third).not.toBe(first);
  // Each environment has exactly its own set: idna is importable only in the second one.
  expect(await third.call("importlib.import_module", ["idna"]).then(() => "importable")).toBe("importable");
  await expect(first.call("importlib.import_module", ["idna"])).rejects.toThrow(/No module named 'idna'/);
  const [pidsA, pidsB] = await Promise.all([first.health(), third.health()]);
  expect(pidsA.endpoints[0]?.pid).not.toBe(pidsB.endpoints[0]?.pid);
}, 600_000);
