/**
 * `requires-python` (PEP 621) for a spec's python request, so the lock is
 * made for the Python that will run it: a version pins its series, a
 * specifier passes through, and no request (or an interpreter path) means
 * "this interpreter's series or newer".
 *
 * @example
 * requiresPythonOf("3.11", "3.11.7")   // "==3.11.*"
 * requiresPythonOf("3.12.4", "3.12.4") // "==3.12.4"
 * requiresPythonOf(undefined, "3.11.7") // ">=3.11"
 */
export function requiresPythonOf(request: string | undefined, interpreterVersion: string): string {
  const trimmed = request?.trim();
  if (!trimmed || /[/\\]/.test(trimmed)) return `>=${interpreterVersion.split(".").slice(0, 2).join(".")}`;
  if (/^\d+\.\d+$/.test(trimmed)) return `==${trimmed}.*`;
  if (/^\d+\.\d+\.\d+$/.test(trimmed)) return `==${trimmed}`;
  return trimmed;
}
