import { join } from "node:path";
import { expect, test } from "vitest";
import { environmentLayout, venvPython } from "../src/index.js";

const spec = { name: "main", projectDir: "/project", packages: [] };

test("every manager's environment lives under .snakepit/envs/<name>, with its own spec and lock file names", () => {
  const layout = environmentLayout(spec, { specFile: "pyproject.toml", lockFile: "uv.lock" });
  expect(layout).toMatchObject({
    name: "main",
    environmentsDir: join("/project", ".snakepit", "envs"),
    environmentDir: join("/project", ".snakepit", "envs", "main"),
    specFile: join("/project", ".snakepit", "envs", "main", "pyproject.toml"),
    lockFile: join("/project", ".snakepit", "envs", "main", "uv.lock"),
    stateFile: join("/project", ".snakepit", "envs", "main", "state.json"),
    mutexFile: join("/project", ".snakepit", "envs", ".main.lock"),
    specFileName: "pyproject.toml",
    lockFileName: "uv.lock",
  });
});

test("builds are venvs by default; a manager can say otherwise", () => {
  const venv = environmentLayout(spec, { specFile: "requirements.in", lockFile: "requirements.lock" });
  expect([venv.buildPrefix, venv.completeMarker, venv.pythonOf("/b")]).toEqual(["venv", "pyvenv.cfg", venvPython("/b")]);
  const conda = environmentLayout(spec, { specFile: "environment.yml", lockFile: "conda.lock.txt", buildPrefix: "prefix", completeMarker: "conda-meta", pythonOf: (root) => join(root, "python") });
  expect([conda.buildPrefix, conda.completeMarker, conda.pythonOf("/b")]).toEqual(["prefix", "conda-meta", join("/b", "python")]);
});

test.each(["../escape", ".hidden", "a/b", "", "name with space"])("the folder-unsafe name %j is refused", (name) => {
  expect(() => environmentLayout({ ...spec, name }, { specFile: "s", lockFile: "l" })).toThrow(/folder-safe/);
});
