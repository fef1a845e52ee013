import { CodecError } from "../errors/call-errors.js";

/**
 * One user converter: a TypeScript class and the Python class it stands for.
 * On the wire the value travels as ext 12, `[name, toWire(value)]`; the
 * Python side registers the same `name` (`snakepit_bridge.types.register`).
 *
 * @example
 * typeRegistry.register({
 *   name: "geometry.Point",
 *   pythonType: "myproject.geometry.Point",
 *   tsType: "Point",
 *   tsImport: "./geometry.js",
 *   is: (value): value is Point => value instanceof Point,
 *   toWire: (point) => [point.x, point.y],
 *   fromWire: (data) => new Point(...(data as [number, number])),
 * });
 */
export interface UserType<T = unknown> {
  /** Wire name shared with Python, e.g. "geometry.Point". */
  readonly name: string;
  /** Qualified Python class, e.g. "myproject.geometry.Point"; generated bindings map it to `tsType`. */
  readonly pythonType?: string;
  /** TypeScript type name the generated bindings use for `pythonType`. */
  readonly tsType?: string;
  /** Module the generated bindings import `tsType` from (`import type { Point } from "./geometry.js"`). */
  readonly tsImport?: string;
  /** Whether a value is one of these (usually an `instanceof` check). */
  readonly is: (value: unknown) => value is T;
  /** Plain codec-encodable data for the value (numbers, strings, arrays, plain objects…). */
  readonly toWire: (value: T) => unknown;
  /** Rebuilds the value from the data `toWire` (or Python's `to_wire`) produced. */
  readonly fromWire: (data: unknown) => T;
}

/** Where a registered Python type comes from in generated TypeScript. */
export interface TsTypeMapping {
  readonly tsType: string;
  readonly tsImport?: string;
}

/**
 * The user converters the codec consults: values a registered `is` accepts
 * travel as ext 12, and ext 12 from Python comes back through `fromWire`.
 * Most programs use the process-wide {@link typeRegistry}.
 */
export class TypeRegistry {
  readonly #byName = new Map<string, UserType>();
  #ordered: readonly UserType[] = [];

  /** Adds a converter; registering a name twice replaces the earlier one. Returns `this`. */
  register<T>(type: UserType<T>): this {
    if (!type.name) throw new CodecError("A user type needs a non-empty name (the name Python registers too).");
    this.#byName.set(type.name, type as UserType);
    this.#ordered = [...this.#byName.values()];
    return this;
  }

  /** Removes a converter; true when it was registered. */
  unregister(name: string): boolean {
    const removed = this.#byName.delete(name);
    if (removed) this.#ordered = [...this.#byName.values()];
    return removed;
  }

  /** The converter registered under `name`, if any. */
  get(name: string): UserType | undefined {
    return this.#byName.get(name);
  }

  /** The first registered converter whose `is` accepts `value`. */
  find(value: unknown): UserType | undefined {
    for (const type of this.#ordered) if (type.is(value)) return type;
    return undefined;
  }

  /** Number of registered converters (the codec skips the lookup when there are none). */
  get size(): number {
    return this.#ordered.length;
  }

  /** Python type → TypeScript type for code generation, from registrations that name both. */
  tsTypeMap(): Map<string, TsTypeMapping> {
    const map = new Map<string, TsTypeMapping>();
    for (const type of this.#ordered) {
      if (type.pythonType && type.tsType) map.set(type.pythonType, { tsType: type.tsType, ...(type.tsImport ? { tsImport: type.tsImport } : {}) });
    }
    return map;
  }
}

/** The process-wide registry the codec uses unless given another. */
export const typeRegistry = new TypeRegistry();
