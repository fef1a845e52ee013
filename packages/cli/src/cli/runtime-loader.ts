import type { Snakepit } from "@snakepit/core";
import type { StartSnakepitOptions } from "../runtime/index.js";

/** A started Python runtime, as the commands need it. */
export interface RunningSnakepit {
  readonly snakepit: Snakepit;
  /** Interpreter version of the environment ("3.11.9"), for the lock file. */
  readonly pythonVersion?: string;
}

/**
 * Starts Python for the commands that need it (sync, add, doctor, call).
 * Loaded lazily so `init` and `generate` never load gRPC or touch Python;
 * tests pass a stand-in over InMemoryTransport.
 */
export interface RuntimeLoader {
  start(options: StartSnakepitOptions): Promise<RunningSnakepit>;
}

/** The real runtime: uv environment, worker pool, gRPC (src/runtime, composed by the lead). */
export const defaultRuntimeLoader: RuntimeLoader = {
  async start(options) {
    const { startRuntime } = await import("../runtime/index.js");
    const started = await startRuntime(options);
    return { snakepit: started.snakepit, pythonVersion: started.environment.pythonVersion };
  },
};
