import { execa } from "execa";
import { beforeAll, describe, expect, test } from "vitest";
import { TemporaryProject } from "../support/temporary-project.js";

const config = `import { defineConfig } from "@snakepit/core";

export default defineConfig({
  python: "3.11",
  environment: { name: "seed" },
  libraries: {
    numpy: { package: "numpy>=1.24", functions: ["mean", "std"] },
    pandas: { package: "pandas>=2", functions: ["read_csv"] },
    sklearn: {
      package: "scikit-learn>=1.3",
      classes: [{ name: "ensemble.RandomForestClassifier", methods: ["fit", "predict", "score"] }],
      functions: ["metrics.accuracy_score", "datasets.load_iris"],
    },
  },
});
`;

/** The seed's three examples, through generated wrappers only: the user writes the config and these calls. */
const program = `import { writeFile } from "node:fs/promises";
import { NDArray, RemoteObject } from "@snakepit/core";
import { startSnakepit } from "snakepit";
import config from "./snakepit.config.js";
import { numpy, pandas, sklearn, useSnakepit } from "./snakepit.generated.js";

await using py = useSnakepit(await startSnakepit({ config }));
await writeFile("people.csv", "name,age,score\\nada,36,9.5\\nalan,41,8.25\\ngrace,85,7\\n");
const frame = await pandas.read_csv("people.csv");
const ages = frame instanceof RemoteObject ? await (await frame.get<RemoteObject>("age")).call("tolist") : "arrow";
const data = [2, 4, 4, 4, 5, 5, 7, 9];
const result: Record<string, unknown> = { ages, mean: await numpy.mean(data), std: await numpy.std(data) };
const [X, y] = (await sklearn.datasets.load_iris({ return_X_y: true })) as unknown as [NDArray, NDArray];
await using forest = await sklearn.ensemble.RandomForestClassifier.create({ n_estimators: 25, random_state: 0 });
await forest.fit(X, y);
const predicted = await forest.predict(X);
result.accuracy = await sklearn.metrics.accuracy_score(y, predicted);
result.score = await forest.score(X, y);
console.log(JSON.stringify(result));
`;

const python = `
import json, numpy, pandas
from sklearn.datasets import load_iris
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score
data = [2, 4, 4, 4, 5, 5, 7, 9]
X, y = load_iris(return_X_y=True)
forest = RandomForestClassifier(n_estimators=25, random_state=0).fit(X, y)
print(json.dumps({"ages": pandas.read_csv("people.csv")["age"].tolist(), "mean": float(numpy.mean(data)), "std": float(numpy.std(data)),
                  "accuracy": float(accuracy_score(y, forest.predict(X))), "score": float(forest.score(X, y))}))
`;

describe("zero code: config → sync → generated wrappers", () => {
  let project: TemporaryProject;

  beforeAll(async () => {
    project = await TemporaryProject.create("seed-examples");
    await project.write("snakepit.config.ts", config);
    await project.write("main.ts", program);
  }, 600_000);

  test("the seed's examples give the same results as Python itself", async () => {
    const synced = await project.cli(["sync"]);
    expect(synced.exitCode, `${synced.stdout}\n${synced.stderr}`).toBe(0);
    const compiled = await project.compile();
    expect(compiled.exitCode, `${compiled.stdout}\n${compiled.stderr}`).toBe(0);
    const ran = await project.run("main.js");
    expect(ran.exitCode, ran.stderr).toBe(0);
    const fromTypeScript = JSON.parse(ran.stdout) as Record<string, unknown>;

    const direct = await execa(await project.environmentPython("seed"), ["-c", python], { cwd: project.dir });
    const fromPython = JSON.parse(direct.stdout) as Record<string, unknown>;
    if (fromTypeScript.ages === "arrow") delete fromPython.ages;
    else expect(fromTypeScript.ages).toEqual(fromPython.ages);
    expect({ ...fromTypeScript, ages: undefined }).toEqual({ ...fromPython, ages: undefined });
  }, 600_000);

  test("a misspelled function fails sync with a suggestion, and nothing runs", async () => {
    await project.write("snakepit.config.ts", config.replace('["mean", "std"]', '["mena", "std"]'));
    const synced = await project.cli(["sync"]);
    expect(synced.exitCode).toBe(3);
    expect(`${synced.stdout}\n${synced.stderr}`).toMatch(/mena[\s\S]*did you mean "mean"/);
    await project.write("snakepit.config.ts", config);
  }, 600_000);
});

