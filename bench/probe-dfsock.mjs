import { defineConfig } from "@snakepit/core";
import { startRuntime } from "snakepit";
import { fileURLToPath } from "node:url";
import { disableSharedMemoryTransfers } from "@snakepit/transport-grpc";
const benchDir = fileURLToPath(new URL(".", import.meta.url));
const config = defineConfig({ python: "3.11", environment: { name: "bench" }, libraries: { numpy: { package: "numpy>=1.24", functions: ["sum"] }, pandas: { package: "pandas>=2" }, pyarrow: { package: "pyarrow>=14" }, scipy: { package: "scipy>=1.10" } }, execution: { workers: 2 } });
const { snakepit: py } = await startRuntime({ config, projectDir: benchDir });
const rows = 100_000, columns = 10;
const table = await py.pipeline((p) => {
  const values = p.call("numpy.random.default_rng", [0]).call("random", [[rows, columns]]);
  const frame = p.call("pandas.DataFrame", [values], { columns: Array.from({ length: columns }, (_, index) => String(index)) });
  return p.call("pandas.DataFrame.copy", [frame]);
});
disableSharedMemoryTransfers();
for (let r = 0; r < 3; r++) {
  const s = [];
  for (let i = 0; i < 20; i++) { const a = performance.now(); await py.call(process.env.FN ?? "pandas.DataFrame.copy", [table]); s.push(performance.now() - a); }
  s.sort((a, b) => a - b); console.log("p50", s[10].toFixed(2));
}
await py.close(); process.exit(0);
