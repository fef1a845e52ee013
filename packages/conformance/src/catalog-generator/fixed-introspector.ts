import { CancelledError, NotFoundError, type Description, type Introspector, type ModuleDescription } from "@snakepit/core";

/**
 * An Introspector over a fixed list of descriptions, recording every path it
 * was asked about. Modules come back without `members` unless asked, as a
 * real introspector does. Useful to test anything that reads introspection
 * (a catalog generator, a code generator) without Python.
 *
 * @example
 * const introspector = new FixedIntrospector(statisticsDescriptions);
 * await introspector.describe("statistics.mean"); // { kind: "function", … }
 * introspector.requests; // ["statistics.mean"]
 */
export class FixedIntrospector implements Introspector {
  /** Every path asked for, in order. */
  readonly requests: string[] = [];
  readonly #descriptions: ReadonlyMap<string, Description>;

  constructor(descriptions: readonly Description[]) {
    this.#descriptions = new Map(descriptions.map((description) => [description.path, description]));
  }

  /** Whether `path` is one of the descriptions. */
  has(path: string): boolean {
    return this.#descriptions.has(path);
  }

  async describe(target: string, options: { readonly members?: boolean; readonly signal?: AbortSignal } = {}): Promise<Description> {
    this.requests.push(target);
    if (options.signal?.aborted) throw new CancelledError(target, "the signal was aborted");
    const description = this.#descriptions.get(target);
    if (!description) throw new NotFoundError(target, "this FixedIntrospector holds no description at that path");
    if (description.kind !== "module" || options.members) return description;
    const { members: _members, ...withoutMembers } = description;
    return withoutMembers satisfies ModuleDescription;
  }
}
