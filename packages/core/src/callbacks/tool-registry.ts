
/** A TypeScript function Python may call; keyword arguments arrive as one last plain object. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tools are user code of any signature
export type ToolFunction = (...args: any[]) => unknown;

/** How an exposed tool checks what Python sends before it runs. */
export interface ToolOptions {
  /** Throws (any error) when the arguments are wrong; Python gets the error as `CallbackError`. */
  readonly validate?: (args: readonly unknown[], kwargs: Readonly<Record<string, unknown>>) => void;
}

/** One exposed tool. */
export interface ExposedTool extends ToolOptions {
  readonly name: string;
  readonly fn: ToolFunction;
}

const toolName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The TypeScript functions Python may call by name (`from snakepit_bridge import
 * tools; tools.name(...)`). It is an allowlist: Python reaches exactly what was
 * exposed here, by exact name, and nothing else of the program.
 *
 * @example
 * const tools = new ToolRegistry();
 * tools.expose("lookup_price", (symbol: string) => prices.get(symbol));
 */
export class ToolRegistry {
  readonly #tools = new Map<string, ExposedTool>();

  /** Makes `fn` callable from Python as `tools.<name>`; returns a function that withdraws it. */
  expose(name: string, fn: ToolFunction, options: ToolOptions = {}): () => void {
    if (!toolName.test(name)) {
      throw new TypeError(`Cannot expose a tool named "${name}": use a Python identifier (letters, digits and underscores, not starting with a digit), e.g. "lookup_price".`);
    }
    if (typeof fn !== "function") throw new TypeError(`Cannot expose "${name}": expected a function, got ${typeof fn}.`);
    if (this.#tools.has(name)) throw new TypeError(`A tool named "${name}" is already exposed; withdraw it first (the function expose() returned) or pick another name.`);
    const tool: ExposedTool = { name, fn, ...options };
    this.#tools.set(name, tool);
    return () => {
      if (this.#tools.get(name) === tool) this.#tools.delete(name);
    };
  }

  /** The tool exposed under `name`, or undefined. */
  get(name: string): ExposedTool | undefined {
    return this.#tools.get(name);
  }

  /** Names of the exposed tools, sorted (for error messages). */
  names(): string[] {
    return [...this.#tools.keys()].sort();
  }
}
