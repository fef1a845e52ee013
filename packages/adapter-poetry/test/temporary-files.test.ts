import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject, test, expect } from "vitest";
import { PoetryEnvironmentManager } from "../src/index.js";

const poetryPath = inject("poetryPath");

test("building a local project leaves nothing in the temp folder (Poetry's own poetry-chef-* folders included)", async () => {
  const root = await mkdtemp(join(tmpdir(), "snakepit-poetry-tmp-"));
  try {
    const temporary = join(root, "tmp");
    const projectDir = join(root, "project");
    const library = join(projectDir, "my-local-lib");
    await mkdir(temporary, { recursive: true });
    await mkdir(join(library, "my_local_lib"), { recursive: true });
    await writeFile(join(library, "my_local_lib", "__init__.py"), "VALUE = 1\n");
    await writeFile(join(library, "pyproject.toml"), ['[project]', 'name = "my-local-lib"', 'version = "0.1.0"', "", "[build-system]", 'requires = ["setuptools>=61"]', 'build-backend = "setuptools.build_meta"', ""].join("\n"));
    const manager = new PoetryEnvironmentManager({ poetryPath, env: { ...process.env, TMPDIR: temporary, POETRY_REQUESTS_MAX_RETRIES: "0" } });
    await manager.ensure({ name: "tmp-check", python: "3.11", packages: ["six"], localPackages: [{ path: "my-local-lib" }], projectDir });
    expect(await readdir(temporary)).toEqual([]);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
