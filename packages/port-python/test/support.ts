import { fileURLToPath } from "node:url";
import { InMemoryTransport } from "@snakepit/core/testing";
import { PythonWorkerPool, type WorkerPoolOptions } from "../src/index.js";

/** Folder holding the stand-in `snakepit_bridge` package. */
export const fakeBridgePath = fileURLToPath(new URL("./fixtures/fake_bridge", import.meta.url));

/** Real Python processes running the stand-in bridge; calls go to in-memory handlers per worker. */
export function startFakePool(mode: string, options: Partial<WorkerPoolOptions> = {}, handlers: ConstructorParameters<typeof InMemoryTransport>[0] = {}) {
  const transports: InMemoryTransport[] = [];
  return {
    transports,
    start: () => PythonWorkerPool.start({
      pythonPath: "python3",
      env: { PYTHONPATH: fakeBridgePath, FAKE_BRIDGE_MODE: mode },
      startTimeoutMs: 3_000,
      transportFactory: () => {
        const transport = new InMemoryTransport(handlers);
        transports.push(transport);
        return transport;
      },
      ...options,
    }),
  };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
