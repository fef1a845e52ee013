/**
 * Marks keyword arguments when calling through a module proxy or a remote
 * object, where the call signature has no separate kwargs slot.
 *
 * @example
 * const clf = await sklearn.ensemble.RandomForestClassifier(kw({ n_estimators: 50 }));
 */
export class Kwargs {
  constructor(readonly values: Readonly<Record<string, unknown>>) {}
}

/** Keyword arguments for a proxy call; see {@link Kwargs}. */
export function kw(values: Readonly<Record<string, unknown>>): Kwargs {
  return new Kwargs(values);
}

/** Splits proxy-call arguments into positional arguments and a trailing {@link Kwargs}. */
export function splitKwargs(args: readonly unknown[]): { args: unknown[]; kwargs: Record<string, unknown> } {
  const last = args.at(-1);
  if (last instanceof Kwargs) return { args: args.slice(0, -1), kwargs: { ...last.values } };
  return { args: [...args], kwargs: {} };
}
