import { environmentManagerSuite } from "@snakepit/conformance";
import { test } from "vitest";
import { CondaEnvironmentManager, findConda } from "../src/index.js";
import { condaStandin } from "./support/conda-standin.js";

// Conda channels are unreachable here, so the suite runs against a stand-in with conda's CLI contract;
// local projects need pip from a channel, which the stand-in's repodata does not model.
const options = { python: "3.11", localPackages: false } as const;

environmentManagerSuite(test.concurrent, ({ indexUrl }) => new CondaEnvironmentManager({ executable: condaStandin, ...(indexUrl ? { channels: [indexUrl] } : {}) }), options);

// The same suite against a real conda, mamba or micromamba when one is on PATH (it needs conda-forge reachable).
const realConda = await findConda({ env: process.env });
const realTest = test.skipIf(!realConda || process.env["SNAKEPIT_TEST_REAL_CONDA"] === "0");
environmentManagerSuite(
  (name, body, timeout) => realTest(`real ${realConda?.flavor ?? "conda (none on PATH: skipped)"} › ${name}`, body, timeout),
  ({ indexUrl }) => new CondaEnvironmentManager({ ...(realConda ? { executable: realConda.executable } : {}), ...(indexUrl ? { channels: [indexUrl] } : {}) }),
  { ...options, timeoutMs: 600_000 },
);
