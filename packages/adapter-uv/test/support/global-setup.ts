import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { bootstrapUv, findUv } from "../../src/index.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** uv for every test of this run: SNAKEPIT_UV or PATH when present, else bootstrapped once into a temp tools folder. */
    uvPath: string;
  }
}

let toolsDir: string | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  toolsDir = await mkdtemp(join(tmpdir(), "snakepit-uv-tools-"));
  const found = await findUv({ toolsDir, env: process.env });
  const uv = found && "executable" in found ? found : await bootstrapUv({ toolsDir, python: "python3", env: process.env });
  project.provide("uvPath", uv.executable);
  return async () => {
    if (toolsDir) await rm(toolsDir, { recursive: true, force: true });
  };
}
