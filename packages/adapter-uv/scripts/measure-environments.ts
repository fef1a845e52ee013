/*
 * Measures (for the lead's bench/): ensure() on an unchanged environment, and a fresh
 * environment with numpy, pandas and scikit-learn from a warm cache, uv vs venv + pip.
 * Run from the repository root after building: node packages/adapter-uv/scripts/measure-environments.ts
 * (Node 24 strips the types). Set SNAKEPIT_UV to skip bootstrapping uv.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UvEnvironmentManager } from "@snakepit/adapter-uv";
import { VenvEnvironmentManager } from "../../adapter-venv/dist/index.js";
import type { EnvironmentManager } from "@snakepit/core";

const packages = ["numpy", "pandas", "scikit-learn"];

async function freshEnvironmentSeconds(manager: EnvironmentManager): Promise<number> {
  const projectDir = await mkdtemp(join(tmpdir(), "snakepit-measure-"));
  try {
    const started = performance.now();
    await manager.ensure({ name: "measure", projectDir, python: "3.11", packages });
    return (performance.now() - started) / 1000;
  } finally {
    await rm(projectDir, { recursive: true, force: true });
  }
}

const uv = new UvEnvironmentManager({ toolsDir: join(tmpdir(), "snakepit-measure-tools") });
const venv = new VenvEnvironmentManager();

// Warm both caches (and bootstrap uv) once; the runs after are the measured ones.
await freshEnvironmentSeconds(uv);
await freshEnvironmentSeconds(venv);

const projectDir = await mkdtemp(join(tmpdir(), "snakepit-measure-noop-"));
const spec = { name: "noop", projectDir, python: "3.11", packages: ["six"] };
await uv.ensure(spec);
const noop: number[] = [];
for (let run = 0; run < 20; run++) {
  const started = performance.now();
  await new UvEnvironmentManager().ensure(spec);
  noop.push(performance.now() - started);
}
await rm(projectDir, { recursive: true, force: true });
noop.sort((left, right) => left - right);

const uvSeconds = await freshEnvironmentSeconds(uv);
const venvSeconds = await freshEnvironmentSeconds(venv);
console.log(JSON.stringify({
  unchangedEnsureMs: { median: Number(noop[10]?.toFixed(2)), max: Number(noop[19]?.toFixed(2)) },
  freshNumpyPandasSklearnWarmCache: { uvSeconds: Number(uvSeconds.toFixed(2)), venvPipSeconds: Number(venvSeconds.toFixed(2)), ratio: Number((venvSeconds / uvSeconds).toFixed(1)) },
}, null, 2));
