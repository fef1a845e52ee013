import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { bootstrapPoetry, findPoetry } from "../../src/index.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Poetry for every test of this run: SNAKEPIT_POETRY or PATH when present, else bootstrapped once into a temp tools folder. */
    poetryPath: string;
  }
}

let toolsDir: string | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  toolsDir = await mkdtemp(join(tmpdir(), "snakepit-poetry-tools-"));
  const found = await findPoetry({ toolsDir, env: process.env });
  const poetry = found && "executable" in found ? found : await bootstrapPoetry({ toolsDir, python: "python3", env: process.env });
  project.provide("poetryPath", poetry.executable);
  return async () => {
    if (toolsDir) await rm(toolsDir, { recursive: true, force: true });
  };
}
