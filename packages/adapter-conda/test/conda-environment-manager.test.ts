import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EnvironmentError } from "@snakepit/core";
import { expect, test, type TestContext } from "vitest";
import { CondaEnvironmentManager } from "../src/index.js";
import { condaStandin, recordedCalls } from "./support/conda-standin.js";

/** A project folder removed when this test finishes (the context's hook: the global one is ambiguous in concurrent tests). */
async function project(context: TestContext) {
  const projectDir = await mkdtemp(join(tmpdir(), "snakepit-conda-test-"));
  context.onTestFinished(() => rm(projectDir, { recursive: true, force: true }));
  return projectDir;
}

test.concurrent("drives conda with create --dry-run to lock, create -p --file to install, and list --json", async (context) => {
  const projectDir = await project(context);
  const log = join(projectDir, "calls.jsonl");
  const manager = new CondaEnvironmentManager({ executable: condaStandin, env: { SNAKEPIT_CONDA_STANDIN_LOG: log } });
  const environment = await manager.ensure({ name: "main", projectDir, python: "3.11", packages: ["six==1.16.0"] });
  const calls = recordedCalls(log).filter((argv) => argv[0] !== "--version");
  expect(calls[0]).toEqual(expect.arrayContaining(["create", "--dry-run", "--json", "python=3.11", "six==1.16.0", "-c", "conda-forge", "--override-channels"]));
  expect(calls[1]).toEqual(expect.arrayContaining(["create", "-p", environment.root, "--file"]));
  expect(calls[2]).toEqual(["list", "-p", environment.root, "--json"]);
  expect(environment.pythonVersion).toMatch(/^3\.11\./);
});

test.concurrent("without conda anywhere, detect() says how to get one", async () => {
  const detection = await new CondaEnvironmentManager({ env: { PATH: "/nonexistent", SNAKEPIT_CONDA: "", CONDA_EXE: "" } }).detect();
  expect(detection.available).toBe(false);
  expect(detection.reason).toMatch(/Miniforge|micromamba/);
});

test.concurrent("a missing Python version is a clear error", async (context) => {
  const manager = new CondaEnvironmentManager({ executable: condaStandin });
  await expect(manager.ensure({ name: "main", projectDir: await project(context), python: "2.7", packages: [] })).rejects.toBeInstanceOf(EnvironmentError);
});
