import { defineConfig } from "@snakepit/core";

/** The libraries the end-to-end tests use, in one shared environment. */
export const e2eConfig = defineConfig({
  python: "3.11",
  environment: { name: "e2e" },
  libraries: {
    numpy: { package: "numpy>=1.24", functions: ["mean", "std", "sum", "matmul"] },
    pandas: { package: "pandas>=2", functions: ["read_csv"] },
    // DataFrames travel as Arrow IPC (ext 8) only when pyarrow is installed in the worker.
    pyarrow: { package: "pyarrow>=14" },
    sklearn: { package: "scikit-learn>=1.3", classes: ["ensemble.RandomForestClassifier"], functions: ["metrics.accuracy_score"] },
  },
});
