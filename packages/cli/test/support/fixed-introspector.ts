import { CancelledError, NotFoundError, type Description, type Introspector } from "@snakepit/core";

/**
 * An Introspector over fixed descriptions, like the real one: modules come
 * without `members` unless asked, unknown paths reject with NotFoundError.
 */
export class FixedIntrospector implements Introspector {
  readonly requests: string[] = [];
  readonly #descriptions: ReadonlyMap<string, Description>;

  constructor(descriptions: readonly Description[]) {
    this.#descriptions = new Map(descriptions.map((description) => [description.path, description]));
  }

  async describe(target: string, options: { readonly members?: boolean; readonly signal?: AbortSignal } = {}): Promise<Description> {
    this.requests.push(target);
    if (options.signal?.aborted) throw new CancelledError(target, "aborted");
    const description = this.#descriptions.get(target);
    if (!description) throw new NotFoundError(target, "no such attribute");
    if (description.kind !== "module" || options.members) return description;
    const { members: _members, ...rest } = description;
    return rest;
  }
}
