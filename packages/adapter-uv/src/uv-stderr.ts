/**
 * uv's stderr without the warnings about interpreters it could not query
 * (pyenv shims for versions that are not active print a block each), so an
 * error message shows the error and not a page of noise.
 */
export function withoutInterpreterWarnings(stderr: string): string {
  const kept: string[] = [];
  let skipping = false;
  for (const line of stderr.split(/\r?\n/)) {
    const startsBlock = /^\S/.test(line);
    if (startsBlock) skipping = /^warning: Failed to (inspect|query) Python interpreter/.test(line);
    if (!skipping) kept.push(line);
  }
  return kept.join("\n").trim();
}
