/**
 * A Python tuple. Python returns tuples often (`np.linalg.eigh`, `divmod`);
 * they arrive as an array marked as a tuple so that passing one back gives
 * Python a tuple again, not a list. Build one with {@link tuple}.
 */
export class PyTuple<T = unknown> extends Array<T> {}

/** A Python tuple of the given items. */
export function tuple<T extends unknown[]>(...items: T): PyTuple<T[number]> {
  const result = new PyTuple<T[number]>();
  result.push(...items);
  return result;
}
