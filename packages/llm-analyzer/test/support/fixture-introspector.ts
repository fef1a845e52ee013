import { CancelledError, NotFoundError, type Description, type Introspector } from "@snakepit/core";

/**
 * An Introspector over fixed descriptions, as the Python bridge would return
 * them: modules carry `members` only when asked, unknown paths reject with
 * NotFoundError. Records every path asked for.
 */
export class FixtureIntrospector implements Introspector {
  readonly requests: string[] = [];
  readonly #byPath: ReadonlyMap<string, Description>;

  constructor(...fixtures: readonly (readonly Description[])[]) {
    this.#byPath = new Map(fixtures.flat().map((description) => [description.path, description]));
  }

  async describe(target: string, options: { readonly members?: boolean; readonly signal?: AbortSignal } = {}): Promise<Description> {
    this.requests.push(target);
    if (options.signal?.aborted) throw new CancelledError(target, "the signal was aborted");
    const description = this.#byPath.get(target);
    if (!description) throw new NotFoundError(target, `module or attribute does not exist (No module named '${target.split(".")[0]}' or no attribute '${target.split(".").pop()}')`);
    if (description.kind !== "module" || options.members) return description;
    const { members: _members, ...rest } = description;
    return rest;
  }
}
