/**
 * Whether an object (keyword arguments, call options) names anything, without
 * listing its keys: on the path of every call, `Object.keys(value).length`
 * made an array each time.
 */
export function hasKeys(value: object | undefined): boolean {
  for (const _key in value) return true;
  return false;
}
