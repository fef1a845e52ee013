/**
 * A handle to a Python object that stayed in its worker because it cannot (or
 * should not) be copied across: a fitted model, a file handle, a generator.
 *
 * `owner` names the worker that holds the object, so a scheduler can send
 * every call on it to that worker (ref affinity). Refs are plain data: the
 * facade wraps them in a `RemoteObject` with methods and disposal.
 */
export class RemoteRef {
  constructor(
    /** Id assigned by the worker's object registry. */
    readonly id: string,
    /** Qualified Python type of the object, e.g. "sklearn.ensemble._forest.RandomForestClassifier". */
    readonly pythonType: string,
    /** Id of the endpoint (worker) that holds the object; empty until a transport stamps it. */
    readonly owner: string = "",
  ) {}

  /** The same ref stamped with the endpoint that owns it. */
  ownedBy(owner: string): RemoteRef {
    return new RemoteRef(this.id, this.pythonType, owner);
  }

  toString(): string {
    return `<remote ${this.pythonType} ${this.id}${this.owner ? ` @${this.owner}` : ""}>`;
  }
}

/** True when `value` is a {@link RemoteRef}. */
export function isRemoteRef(value: unknown): value is RemoteRef {
  return value instanceof RemoteRef;
}
