/**
 * Polls `condition` every 25 ms until it holds or `timeoutMs` passes, and
 * says which. A limit against hangs, not a timing assertion.
 */
export async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return condition();
}
