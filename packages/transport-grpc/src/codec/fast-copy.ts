/**
 * A copy of `bytes` in its own memory, starting at offset 0 (so aligned for
 * any element type). `Uint8Array.prototype.slice` is called explicitly
 * because on a Buffer `slice()` returns a view, not a copy; it is also the
 * cheapest copy in V8 (no zero-fill before the copy).
 */
export function alignedCopy(bytes: Uint8Array): Uint8Array {
  return Uint8Array.prototype.slice.call(bytes);
}
