import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Description } from "@snakepit/core";
import { lockCatalog } from "../src/catalog/lock-catalog.js";
import { writeLockFile } from "../src/lock/lock-file.js";
import { FixedIntrospector } from "./support/fixed-introspector.js";

/** The built executable, run with the repository's Node 24 as a user would run `npx snakepit`. */
const repository = fileURLToPath(new URL("../../../", import.meta.url));
const node = join(repository, "node_modules", ".bin", "node");
const bin = join(repository, "packages", "cli", "dist", "bin.js");

function snakepit(cwd: string, ...args: string[]) {
  const result = spawnSync(node, [bin, ...args], { cwd, encoding: "utf8", timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const descriptions: Description[] = [
  { kind: "module", path: "geometry", name: "geometry", members: [{ name: "midpoint", kind: "function" }] },
  {
    kind: "function", path: "geometry.midpoint", name: "midpoint", isAsync: false, isGenerator: false,
    parameters: [{ name: "a", kind: "positional_or_keyword", annotation: "geometry.Point" }, { name: "b", kind: "positional_or_keyword", annotation: "Point" }],
    returns: "geometry.Point",
  },
];
const libraries = { geometry: { functions: ["midpoint"] } };

const configWith = (types: string) => `import { defineConfig } from "@snakepit/core";
export default defineConfig({ libraries: { geometry: { functions: ["midpoint"] } }, ${types} });
`;

/** What a user writes once: the TS half of the converter (the Python half is `types.python`). */
const typesModule = `import { typeRegistry } from "@snakepit/core";
import { Point } from "./geometry.ts";
typeRegistry.register({
  name: "geometry.Point", pythonType: "geometry.Point", tsType: "Point", tsImport: "./geometry.js",
  is: (value: unknown): value is Point => value instanceof Point,
  toWire: (point: Point) => [point.x, point.y],
  fromWire: (data: unknown) => new Point(...(data as [number, number])),
});
`;

let project: string;
beforeEach(async () => {
  project = await mkdtemp(join(tmpdir(), "snakepit-user-types-"));
  await writeFile(join(project, "geometry.ts"), "export class Point {\n  readonly x: number;\n  readonly y: number;\n  constructor(x: number, y: number) {\n    this.x = x;\n    this.y = y;\n  }\n}\n");
  await writeFile(join(project, "snakepit-types.ts"), typesModule);
  const { lock } = await lockCatalog(libraries, new FixedIntrospector(descriptions), { python: "3.11.7" });
  await writeLockFile(project, lock);
});
afterEach(() => rm(project, { recursive: true, force: true }));

describe.skipIf(!existsSync(bin))("config `types`: the CLI loads the user's TS registrations (real executable)", () => {
  test("`snakepit generate` types the Python class as the user's TS class and imports it", async () => {
    await writeFile(join(project, "snakepit.config.ts"), configWith(`types: { typescript: ["./snakepit-types.ts"], python: ["geometry_types"] }`));
    const result = snakepit(project, "generate");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const generated = await readFile(join(project, "snakepit.generated", "geometry.ts"), "utf8");
    expect(generated).toMatch(/import type \{ Point \} from "\.\.\/geometry\.js";/);
    expect(generated).toMatch(/export async function midpoint\(\s*a: Point,\s*b: Point,\s*\): Promise<Point>/);
  });

  test("without `types` the same class stays untyped; a missing module is a config error naming the key", async () => {
    await writeFile(join(project, "snakepit.config.ts"), configWith(""));
    expect(snakepit(project, "generate").code).toBe(0);
    expect(await readFile(join(project, "snakepit.generated", "geometry.ts"), "utf8")).not.toContain("Point");

    await writeFile(join(project, "snakepit.config.ts"), configWith(`types: { typescript: ["./missing-types.ts"] }`));
    const failed = snakepit(project, "generate");
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(/types\.typescript\[0\]: \.\/missing-types\.ts does not exist/);
  });

  test("a module that registers nothing usable says what to register", async () => {
    await writeFile(join(project, "empty-types.ts"), "export {};\n");
    await writeFile(join(project, "snakepit.config.ts"), configWith(`types: { typescript: ["./empty-types.ts"] }`));
    const failed = snakepit(project, "generate");
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(/registered no type with both pythonType and tsType/);
  });
});
