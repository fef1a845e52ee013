/**
 * Whether keyword arguments name anything, without listing them: on the
 * path of every call, `Object.keys(kwargs).length` made an array each time.
 */
export function hasKeys(kwargs: Readonly<Record<string, unknown>> | undefined): boolean {
  for (const _key in kwargs) return true;
  return false;
}
