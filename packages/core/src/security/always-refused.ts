/**
 * Paths refused even when a wildcard grants them: they run code, spawn or kill
 * processes, delete files or deserialize untrusted bytes. Only a grant naming
 * the exact path lifts a refusal. Every suffix of a path is checked, so
 * `numpy.os.system` is refused like `os.system`. Keep in step with
 * `ALWAYS_REFUSED` in python/snakepit_bridge/policy.py.
 *
 * `importlib.import_module` is not here: it returns modules, and whatever is
 * then called on them passes the worker's check by identity. Strict mode refuses
 * it like any undeclared callable.
 */
export const alwaysRefused: readonly string[] = [
  ...["eval", "exec", "compile", "__import__", "open", "getattr", "setattr", "delattr", "globals", "locals", "vars", "breakpoint", "input"].map((name) => `builtins.${name}`),
  "os.system", "os.popen", "os.exec*", "os.spawn*", "os.posix_spawn*", "os.fork", "os.forkpty",
  "os.kill", "os.killpg", "os.remove", "os.removedirs", "os.unlink", "os.rmdir",
  "posix.*", "nt.*",
  "subprocess", "subprocess.*", "pty", "pty.*", "shutil.rmtree",
  "pickle.loads", "pickle.load", "pickle.Unpickler", "marshal.loads", "marshal.load",
  "ctypes", "ctypes.*", "code", "code.*", "codeop", "codeop.*", "runpy", "runpy.*",
  "sys.modules", "snakepit_bridge.*",
];

/** The bridge's own entry points; the worker checks the targets they run. */
export const bridgeEntryPoints: ReadonlySet<string> = new Set(["snakepit_bridge.chunks.call", "snakepit_bridge.pipeline.run"]);

const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Why a path is not a plain dotted path of identifiers (slashes, "..", empty segments), or undefined. */
export function pathTrick(path: string): string | undefined {
  if (path.split(".").every((segment) => identifier.test(segment))) return undefined;
  return `it is not a dotted path of Python identifiers like "numpy.linalg.norm"`;
}
