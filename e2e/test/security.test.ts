import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CallAllowlist, createSnakepit, NotAllowedError, RemoteObject, type CallRequest, type Snakepit } from "@snakepit/core";
import type { PythonWorkerPool } from "@snakepit/port-python";
import { startPool } from "../support/pool.js";

/**
 * Injection attempts against real workers. Each runs twice: through the facade
 * (refused in Node, before anything is sent) and straight at the pool's
 * transport (the worker's own check refuses it: defence in depth).
 */
const attempts: readonly (CallRequest & { readonly why: string })[] = [
  { why: "shell", target: "os.system", args: ["touch /tmp/snakepit-pwned"] },
  { why: "shell through popen", target: "os.popen", args: ["id"] },
  { why: "exec family", target: "os.execv", args: ["/bin/true", ["true"]] },
  { why: "spawn family", target: "os.spawnlp", args: [0, "true", "true"] },
  { why: "kill", target: "os.kill", args: [1, 9] },
  { why: "delete", target: "os.unlink", args: ["/tmp/nothing-here"] },
  { why: "eval", target: "builtins.eval", args: ["1 + 1"] },
  { why: "exec", target: "builtins.exec", args: ["import os"] },
  { why: "compile", target: "builtins.compile", args: ["1", "<x>", "eval"] },
  { why: "dunder import", target: "builtins.__import__", args: ["os"] },
  { why: "getattr to reach __import__", target: "builtins.getattr", args: [{ not: "a module" }, "__import__"] },
  { why: "open a file", target: "builtins.open", args: ["/etc/passwd"] },
  { why: "dunder walk", target: "os.path.__class__", kind: "getattr" },
  { why: "subclass walk", target: "builtins.object.__subclasses__" },
  { why: "private module", target: "os.path._get_sep", args: ["/"] },
  { why: "alias of os.system under os.path", target: "os.path.os.system", args: ["true"] },
  { why: "subprocess", target: "subprocess.run", args: [["true"]] },
  { why: "subprocess constructor", target: "subprocess.Popen", args: [["true"]], resultMode: "ref" },
  { why: "pty", target: "pty.spawn", args: ["/bin/sh"] },
  { why: "rmtree", target: "shutil.rmtree", args: ["/tmp/nothing-here"] },
  { why: "pickle", target: "pickle.loads", args: [new Uint8Array([0x80, 0x04, 0x4e, 0x2e])] },
  { why: "marshal", target: "marshal.loads", args: [new Uint8Array([0x4e])] },
  { why: "ctypes", target: "ctypes.string_at", args: [0] },
  { why: "interactive console", target: "code.interact" },
  { why: "runpy", target: "runpy.run_path", args: ["/etc/passwd"] },
  { why: "sys.modules", target: "sys.modules", kind: "getattr" },
  { why: "the bridge's own helpers", target: "snakepit_bridge.cli.prepare_socket_path", args: ["/tmp/x"] },
  { why: "empty segment", target: "os..system", args: ["true"] },
  { why: "path traversal", target: "../../etc/passwd" },
  { why: "slash", target: "os/system", args: ["true"] },
  { why: "whitespace", target: "os.system ", args: ["true"] },
];

describe("the allowlist against real workers (default policy: dynamic, *)", () => {
  let pool: PythonWorkerPool;
  let py: Snakepit;
  beforeAll(async () => {
    pool = await startPool("grpc-js", { workers: 1 });
    py = createSnakepit({ transport: pool });
  });
  afterAll(async () => {
    await py.close();
  });

  test(`there are at least 20 attempts (${attempts.length})`, () => {
    expect(attempts.length).toBeGreaterThanOrEqual(20);
  });

  test.each(attempts)("the facade refuses $why ($target)", async (attempt) => {
    const sent = attempt.kind === "getattr" ? py.getAttribute(attempt.target) : attempt.resultMode === "ref" ? py.create(attempt.target, attempt.args) : py.call(attempt.target, attempt.args);
    const failure = await sent.catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NotAllowedError);
    expect((failure as NotAllowedError).message).toMatch(/security\.allow/);
  });

  test.each(attempts)("the worker refuses $why ($target) when the facade is bypassed", async (attempt) => {
    const failure = await pool.call(attempt).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NotAllowedError);
  });

  test("private attributes of a remote object are refused on both sides", async () => {
    const counter = await py.create("collections.Counter", ["hello"]);
    const object = counter as unknown as RemoteObject;
    await expect(object.get("__class__")).rejects.toBeInstanceOf(NotAllowedError);
    await expect(object.call("__reduce__")).rejects.toBeInstanceOf(NotAllowedError);
    await expect(object.call("_keep_positive")).rejects.toBeInstanceOf(NotAllowedError);
    await expect(pool.call({ target: "", ref: object.ref, attribute: "__class__", kind: "getattr" })).rejects.toBeInstanceOf(NotAllowedError);
    await expect(pool.call({ target: "", ref: object.ref, attribute: "_keep_positive" })).rejects.toBeInstanceOf(NotAllowedError);
    expect(await object.call("most_common", [1])).toEqual([["l", 2]]);
  });

  test("a module reached through importlib still cannot run os.system: the worker checks what it resolves", async () => {
    const os = (await py.call("importlib.import_module", ["os"])) as RemoteObject;
    expect(os).toBeInstanceOf(RemoteObject);
    await expect(os.call("system", ["true"])).rejects.toBeInstanceOf(NotAllowedError);
    expect(await os.call("getcwd")).toEqual(expect.any(String));
  });

  test("ordinary calls still work and the worker is healthy after every refusal", async () => {
    expect(await py.call("math.sqrt", [49])).toBe(7);
    expect((await pool.health()).ready).toBe(true);
  });
});

describe("strict mode against real workers", () => {
  test("an undeclared harmless function is refused on both sides while a declared one works", async () => {
    const catalog = { stats: { module: "statistics", functions: ["mean"] } };
    const allowlist = CallAllowlist.fromConfig({ mode: "strict" }, catalog);
    const pool = await startPool("grpc-js", { workers: 1, security: allowlist.policy });
    await using py = createSnakepit({ transport: pool, catalog, allowlist });
    expect(await py.call("statistics.mean", [[1, 2, 3]])).toBe(2);
    await expect(py.call("math.sqrt", [4])).rejects.toThrow(/math\.sqrt is not allowed: no pattern of the strict allowlist grants it/);
    await expect(pool.call({ target: "math.sqrt", args: [4] })).rejects.toThrow(NotAllowedError);
    await expect(pool.call({ target: "importlib.import_module", args: ["os"] })).rejects.toThrow(NotAllowedError);
  });
});
