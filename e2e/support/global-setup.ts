import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { UvEnvironmentManager } from "@snakepit/adapter-uv";
import { environmentSpecFor, sharedToolsDir } from "snakepit";
import { e2eConfig } from "./e2e-config.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Interpreter of the shared e2e environment (numpy, pandas, scikit-learn, the bridge). */
    pythonPath: string;
    environmentRoot: string;
  }
}

/**
 * Builds (or reuses, when nothing changed) the one real uv environment every
 * e2e test runs its workers in. The first run downloads numpy, pandas and
 * scikit-learn from the configured index; later runs are a fingerprint check.
 */
export default async function setup(project: TestProject): Promise<void> {
  const projectDir = fileURLToPath(new URL("..", import.meta.url));
  const manager = new UvEnvironmentManager({ toolsDir: sharedToolsDir() });
  const started = Date.now();
  const environment = await manager.ensure(environmentSpecFor(e2eConfig, projectDir), {
    onProgress: (event) => process.stderr.write(`[e2e env] ${event.phase}: ${event.message}\n`),
  });
  process.stderr.write(`[e2e env] ready in ${Date.now() - started} ms: ${environment.pythonPath}\n`);
  project.provide("pythonPath", environment.pythonPath);
  project.provide("environmentRoot", environment.root);
}
