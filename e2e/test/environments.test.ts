import { existsSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { defineConfig, RemoteObject } from "@snakepit/core";
import { startRuntime } from "snakepit";
import { TemporaryProject } from "../support/temporary-project.js";

/** From an empty folder: config → the manager builds a locked environment → workers start in it → real calls. */
describe.each(["uv", "poetry"] as const)("environments from nothing with %s", (manager) => {
  test("numpy, pandas and scikit-learn answer from TypeScript", async () => {
    const project = await TemporaryProject.create(`environment-${manager}`);
    await project.write("people.csv", "name,age\nada,36\nalan,41\n");
    const config = defineConfig({
      python: "3.11",
      environment: { manager, name: "main" },
      libraries: {
        numpy: { package: "numpy>=1.24" },
        pandas: { package: "pandas>=2" },
        sklearn: { package: "scikit-learn>=1.3" },
      },
      execution: { workers: 1 },
    });
    const { snakepit: py, environment } = await startRuntime({ config, projectDir: project.dir });
    try {
      expect(environment.manager).toBe(manager);
      expect(environment.lockfile && existsSync(environment.lockfile)).toBe(true);
      expect(await py.call("numpy.mean", [[1, 2, 3, 4]])).toBe(2.5);
      const frame = await py.call("pandas.read_csv", [`${project.dir}/people.csv`]);
      const shape = frame instanceof RemoteObject ? await frame.get("shape") : [(frame as { numRows: number }).numRows, 2];
      expect([...(shape as number[])]).toEqual([2, 2]);
      expect(await py.call("sklearn.metrics.accuracy_score", [[0, 1, 1, 0], [0, 1, 0, 0]])).toBe(0.75);
    } finally {
      await py.close();
    }
  }, 900_000);
});
