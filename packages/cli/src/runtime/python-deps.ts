import { createHash } from "node:crypto";
import { defineConfig, type Snakepit } from "@snakepit/core";
import { startRuntime, type StartSnakepitOptions } from "./start-snakepit.js";

/** Options of a dependency set; everything else comes from the defaults of startSnakepit. */
export interface PythonDepsOptions extends Omit<StartSnakepitOptions, "config" | "extraPackages"> {
  readonly python?: string;
  readonly workers?: number;
}

/** Runtimes by dependency-set key, shared by everyone in this process who asks for the same set. */
const runtimes = new Map<string, Promise<Snakepit>>();

/**
 * Python dependencies declared next to the code that needs them. Each
 * distinct set (order and spacing do not matter) gets its own locked
 * environment, `.snakepit/envs/deps-<hash>`, and its own worker pool, started
 * on first use and shared by every caller that asks for the same set.
 *
 * @example
 * const reporting = pythonDeps(["pandas>=2", "openpyxl"]);
 * const py = await reporting.snakepit();
 * await py.call("pandas.read_excel", ["report.xlsx"]);
 */
export function pythonDeps(packages: readonly string[], options: PythonDepsOptions = {}): DependencySet {
  return new DependencySet(packages, options);
}

export class DependencySet {
  /** Requirements, normalised and sorted: the identity of the set. */
  readonly packages: readonly string[];
  /** Environment name derived from the set (and the Python version). */
  readonly name: string;

  constructor(packages: readonly string[], private readonly options: PythonDepsOptions = {}) {
    this.packages = [...new Set(packages.map((requirement) => requirement.replace(/\s+/g, "")))].sort();
    const identity = JSON.stringify([this.packages, options.python ?? ""]);
    this.name = `deps-${createHash("sha256").update(identity).digest("hex").slice(0, 12)}`;
  }

  /** The Snakepit for this set, starting its environment and pool on first use. */
  snakepit(): Promise<Snakepit> {
    const key = `${this.options.projectDir ?? process.cwd()}\u0000${this.name}`;
    let runtime = runtimes.get(key);
    if (!runtime) {
      const config = defineConfig({
        ...(this.options.python ? { python: this.options.python } : {}),
        environment: { name: this.name },
        libraries: {},
        ...(this.options.workers ? { execution: { workers: this.options.workers } } : {}),
      });
      runtime = startRuntime({ ...this.options, config, extraPackages: this.packages }).then(({ snakepit }) => snakepit);
      // A failed start is not cached: the next caller tries again (after fixing the set).
      runtime.catch(() => runtimes.delete(key));
      runtimes.set(key, runtime);
    }
    return runtime;
  }

  /** Stops this set's workers (if started); the next `snakepit()` starts them again. */
  async close(): Promise<void> {
    const key = `${this.options.projectDir ?? process.cwd()}\u0000${this.name}`;
    const runtime = runtimes.get(key);
    runtimes.delete(key);
    await (await runtime?.catch(() => undefined))?.close();
  }
}
