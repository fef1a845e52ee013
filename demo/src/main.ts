/**
 * The main job: from nothing to numpy and scikit-learn answers in TypeScript.
 * uv builds (or reuses) a locked environment, a pool of Python workers
 * starts, and every call below crosses to Python over gRPC.
 */
import { fileURLToPath } from "node:url";
import { defineConfig, NDArray, type ProgressEvent } from "@snakepit/core";
import { startRuntime } from "snakepit";

const projectDir = fileURLToPath(new URL("..", import.meta.url));
const config = defineConfig({
  python: "3.11",
  environment: { name: "demo" },
  libraries: {
    numpy: { package: "numpy>=1.24", functions: ["mean", "std", "linspace", "matmul"], cache: { ttl: "1h" } },
    sklearn: {
      package: "scikit-learn>=1.3",
      classes: ["ensemble.RandomForestClassifier"],
      functions: ["metrics.accuracy_score", "datasets.load_iris", "model_selection.train_test_split"],
    },
  },
  execution: { workers: 2, timeoutMs: 60_000 },
});

/** The methods the demo uses; `snakepit generate` writes such types from the catalog. */
interface RandomForest {
  fit(X: NDArray, y: NDArray): Promise<unknown>;
  predict(X: NDArray): Promise<NDArray>;
  score(X: NDArray, y: NDArray): Promise<number>;
}

const log = (label: string, value: unknown) => console.log(`  ${label.padEnd(34)} ${format(value)}`);
const format = (value: unknown): string =>
  value instanceof NDArray ? `NDArray<${value.dtype}>[${value.shape.join("×")}] ${JSON.stringify(value.toArray()).slice(0, 60)}` : JSON.stringify(value);

const started = performance.now();
const onProgress = (event: ProgressEvent) => console.error(`[${event.manager}] ${event.phase}: ${event.message}`);
const { snakepit: py, environment, pool } = await startRuntime({ config, projectDir, onProgress });
try {
  console.log(`\nEnvironment "${environment.name}" by ${environment.manager}: Python ${environment.pythonVersion} at ${environment.pythonPath}`);
  console.log(`Lock file: ${environment.lockfile ?? "(none)"}`);
  console.log(`Workers ready: ${pool.readyWorkers} (pids ${pool.pids.join(", ")}) after ${Math.round(performance.now() - started)} ms\n`);

  console.log("numpy");
  const samples = NDArray.from(Float64Array.from({ length: 1_000_000 }, (_, index) => Math.sin(index)));
  log("mean of 1e6 samples", await py.call("numpy.mean", [samples]));
  log("std of [2, 4, 4, 4, 5, 5, 7, 9]", await py.call("numpy.std", [[2, 4, 4, 4, 5, 5, 7, 9]]));
  log("linspace(0, 1, 5)", await py.call("numpy.linspace", [0, 1, 5]));
  const square = NDArray.from(new Float64Array([1, 2, 3, 4]), [2, 2]);
  log("matmul([[1,2],[3,4]], itself)", await py.call("numpy.matmul", [square, square]));

  console.log("\nscikit-learn");
  const [X, y] = (await py.call("sklearn.datasets.load_iris", [], { return_X_y: true })) as [NDArray, NDArray];
  log("iris", { X: X.shape, y: y.shape });
  const [XTrain, XTest, yTrain, yTest] = (await py.call("sklearn.model_selection.train_test_split", [X, y], { test_size: 0.3, random_state: 0 })) as [NDArray, NDArray, NDArray, NDArray];
  {
    await using forest = await py.create<RandomForest>("sklearn.ensemble.RandomForestClassifier", [], { n_estimators: 50, random_state: 0 });
    await forest.fit(XTrain, yTrain);
    const predicted = await forest.predict(XTest);
    log("RandomForest accuracy (test)", await py.call("sklearn.metrics.accuracy_score", [yTest, predicted]));
    log("RandomForest.score (test)", await forest.score(XTest, yTest));
    log("feature_importances_", await forest.get("feature_importances_"));
  }

  console.log("\nexecution");
  const batch = await py.batch(Array.from({ length: 1000 }, (_, index) => ({ path: "math.sqrt", args: [index] })));
  log("batch of 1000 math.sqrt, last", batch.at(-1));
  const firstSquares: number[] = [];
  for await (const value of py.stream<number>("itertools.count", [0])) {
    firstSquares.push((value as number) ** 2);
    if (firstSquares.length === 5) break;
  }
  log("stream itertools.count, squared", firstSquares);
  await py.call("numpy.std", [[1, 2, 3]]);
  await py.call("numpy.std", [[1, 2, 3]]);
  log("cache (numpy is pure: ttl 1h)", py.cacheStats);
  console.log(`\nDone in ${Math.round(performance.now() - started)} ms.`);
} finally {
  await py.close();
}
