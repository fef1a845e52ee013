import { runCommand } from "@snakepit/adapter-kit";

/** An interpreter uv can see: "3.11.7 at /usr/bin/python3.11". */
export interface FoundInterpreter {
  readonly version: string;
  readonly path: string;
}

/** Interpreters uv finds without downloading, for the "missing interpreter" message. */
export async function installedInterpreters(uv: string, env: Readonly<Record<string, string | undefined>>): Promise<FoundInterpreter[]> {
  const result = await runCommand(uv, ["python", "list", "--only-installed", "--output-format", "json"], { env });
  if (result.exitCode !== 0) return [];
  try {
    const listed = JSON.parse(result.stdout) as Array<{ version?: string; path?: string }>;
    return listed.flatMap((entry) => (entry.version && entry.path ? [{ version: entry.version, path: entry.path }] : []));
  } catch {
    return [];
  }
}

/** The interpreter uv picks for a request, with its version; undefined when there is none. */
export async function findInterpreter(
  uv: string,
  request: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  signal?: AbortSignal,
): Promise<{ interpreter?: FoundInterpreter; stderr: string }> {
  const args = ["python", "find", "--system", "--no-project", ...(request ? [request] : [])];
  const options = { env, ...(signal ? { signal } : {}) };
  const [path, version] = await Promise.all([runCommand(uv, args, options), runCommand(uv, [...args, "--show-version"], options)]);
  if (path.exitCode !== 0 || version.exitCode !== 0) return { stderr: path.stderr };
  return { interpreter: { path: path.stdout.trim(), version: version.stdout.trim() }, stderr: "" };
}
