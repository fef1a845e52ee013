import { createSnakepit, type Introspector } from "@snakepit/core";
import { InMemoryTransport, type InMemoryHandler } from "@snakepit/core/testing";
import type { RuntimeLoader } from "../../src/cli/runtime-loader.js";
import type { StartSnakepitOptions } from "../../src/runtime/index.js";

/** A RuntimeLoader over InMemoryTransport and fixed descriptions: the commands run, Python never starts. */
export function standInRuntime(introspector: Introspector, handlers: Record<string, InMemoryHandler> = {}): RuntimeLoader & { starts: StartSnakepitOptions[]; closed: number } {
  const loader = {
    starts: [] as StartSnakepitOptions[],
    closed: 0,
    async start(options: StartSnakepitOptions) {
      loader.starts.push(options);
      const snakepit = createSnakepit({ transport: new InMemoryTransport(handlers), introspector, onClose: async () => { loader.closed++; } });
      return { snakepit, pythonVersion: "3.11.7" };
    },
  };
  return loader;
}

/** Captures what a command writes. */
export function capturedStreams() {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    streams: { stdout: { write: (text: string) => stdout.push(text) }, stderr: { write: (text: string) => stderr.push(text) } },
    stdout: () => stdout.join(""),
    stderr: () => stderr.join(""),
  };
}
