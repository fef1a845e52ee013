import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, test } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const eslint = new ESLint({ cwd: root });

/** Lints `code` as if it were a file at `path` in the repository (nothing is written). */
async function problems(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}/${path}` });
  return (result?.messages ?? []).filter((message) => message.ruleId === "no-restricted-imports").map((message) => message.message);
}

describe("the module-boundary rule (npm run lint)", () => {
  test("core may not import an adapter", async () => {
    const found = await problems("packages/core/src/scratch.ts", 'export { UvEnvironmentManager } from "@snakepit/adapter-uv";\n');
    expect(found.join("\n")).toMatch(/packages\/core may not import @snakepit\/adapter-uv: core depends on no other Snakepit package/);
  });

  test("an adapter may import core but not another adapter", async () => {
    expect(await problems("packages/adapter-uv/src/scratch.ts", 'export { NDArray } from "@snakepit/core";\n')).toEqual([]);
    const found = await problems("packages/adapter-uv/src/scratch.ts", 'export { PythonWorkerPool } from "@snakepit/port-python";\n');
    expect(found.join("\n")).toMatch(/an adapter depends on @snakepit\/core only/);
  });

  test("adapter tests may run the conformance suites; the cli may import everything", async () => {
    expect(await problems("packages/cache/test/scratch.test.ts", 'export { cacheSuite } from "@snakepit/conformance";\n')).toEqual([]);
    expect(await problems("packages/cli/src/scratch.ts", 'export { PythonWorkerPool } from "@snakepit/port-python";\nexport { UvEnvironmentManager } from "@snakepit/adapter-uv";\n')).toEqual([]);
  });
});
