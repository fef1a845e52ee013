import { describe, expect, test } from "vitest";
import { CallAllowlist, catalogGrants, createSnakepit, NotAllowedError, RemoteRef } from "../src/index.js";
import { InMemoryTransport } from "../src/testing/index.js";

const permissive = CallAllowlist.permissive();
const ref = new RemoteRef("r1", "collections.Counter");

describe("the default allowlist (dynamic, *)", () => {
  test.each([
    ["builtins.eval", /always-refused/],
    ["builtins.__import__", /private name "__import__"/],
    ["builtins.getattr", /always-refused/],
    ["os.system", /always-refused/],
    ["os.execvp", /always-refused/],
    ["os.spawnlp", /always-refused/],
    ["os.path.os.system", /"os.system" is on the always-refused list/],
    ["numpy.subprocess.run", /"subprocess.run"/],
    ["subprocess.Popen", /always-refused/],
    ["pty.spawn", /always-refused/],
    ["shutil.rmtree", /always-refused/],
    ["pickle.loads", /always-refused/],
    ["marshal.loads", /always-refused/],
    ["ctypes.string_at", /always-refused/],
    ["code.interact", /always-refused/],
    ["runpy.run_module", /always-refused/],
    ["sys.modules", /always-refused/],
    ["os.path.__class__", /private name "__class__"/],
    ["numpy._core", /private name "_core"/],
    ["snakepit_bridge.cli.prepare_socket_path", /always-refused/],
    ["os..system", /not a dotted path/],
    ["../etc/passwd", /not a dotted path/],
    ["os/system", /not a dotted path/],
    ["", /not a dotted path/],
    ["numpy.mean ", /not a dotted path/],
  ])("refuses %s", (target, rule) => {
    const refusal = permissive.refusal({ target });
    expect(refusal).toBeInstanceOf(NotAllowedError);
    expect(refusal?.rule).toMatch(rule);
    expect(refusal?.message).toMatch(/security\.allow/);
  });

  test.each(["math.sqrt", "numpy.linalg.norm", "statistics.mean", "importlib.import_module", "snakepit_bridge.chunks.call"])("allows %s", (target) => {
    expect(permissive.refusal({ target })).toBeUndefined();
  });

  test("refuses private and non-identifier attributes of remote objects, allows public ones", () => {
    expect(permissive.refusal({ target: "", ref, attribute: "__class__" })?.rule).toMatch(/private attribute/);
    expect(permissive.refusal({ target: "", ref, attribute: "_data" })?.rule).toMatch(/private attribute/);
    expect(permissive.refusal({ target: "", ref, attribute: "a.b" })?.rule).toMatch(/not a Python identifier/);
    expect(permissive.refusal({ target: "", ref, attribute: "most_common" })).toBeUndefined();
  });
});

describe("grants", () => {
  test("dynamic mode allows only the patterns granted", () => {
    const allowlist = CallAllowlist.fromConfig({ mode: "dynamic", allow: ["numpy.*", "statistics.mean"] });
    expect(allowlist.refusal({ target: "numpy.linalg.norm" })).toBeUndefined();
    expect(allowlist.refusal({ target: "statistics.mean" })).toBeUndefined();
    expect(allowlist.refusal({ target: "statistics.median" })?.rule).toMatch(/no pattern of the dynamic allowlist/);
    expect(allowlist.refusal({ target: "numpy" })?.rule).toMatch(/no pattern/);
  });

  test("a wildcard never lifts the always-refused list; an exact grant does", () => {
    expect(CallAllowlist.fromConfig({ allow: ["os.*"] }).refusal({ target: "os.system" })).toBeInstanceOf(NotAllowedError);
    expect(CallAllowlist.fromConfig({ allow: ["os.system"] }).refusal({ target: "os.system" })).toBeUndefined();
    expect(CallAllowlist.fromConfig({ allow: ["mylib._helper"] }).refusal({ target: "mylib._helper" })).toBeUndefined();
  });

  test("strict mode allows the catalog's functions, classes, methods and modules", () => {
    const catalog = {
      stats: { module: "statistics", functions: ["mean", { name: "median", pure: true }] },
      sklearn: { module: "sklearn.linear_model", classes: [{ name: "LinearRegression", methods: ["fit"] }], modules: ["tests"] },
      numpy: { modules: ["numpy.linalg"] },
    };
    expect(catalogGrants(catalog)).toEqual([
      "statistics.mean", "statistics.median", "sklearn.linear_model.LinearRegression", "sklearn.linear_model.LinearRegression.fit",
      "sklearn.linear_model.tests.*", "numpy.linalg.*",
    ]);
    const allowlist = CallAllowlist.fromConfig({ mode: "strict", allow: ["math.pi"] }, catalog);
    for (const target of ["statistics.mean", "sklearn.linear_model.LinearRegression", "numpy.linalg.norm", "math.pi"]) expect(allowlist.refusal({ target })).toBeUndefined();
    expect(allowlist.refusal({ target: "math.sqrt" })?.rule).toMatch(/strict allowlist/);
    expect(allowlist.workerEnvironment()).toEqual({ SNAKEPIT_SECURITY_MODE: "strict", SNAKEPIT_ALLOW: JSON.stringify(allowlist.policy.grants) });
  });
});

describe("the facade checks before the transport sees anything", () => {
  test("call, create, getAttribute, stream, batch and pipeline refuse without sending", async () => {
    const transport = new InMemoryTransport({ "math.sqrt": (value: number) => Math.sqrt(value) });
    const py = createSnakepit({ transport });
    await expect(py.call("os.system", ["true"])).rejects.toBeInstanceOf(NotAllowedError);
    await expect(py.create("subprocess.Popen", [["true"]])).rejects.toBeInstanceOf(NotAllowedError);
    await expect(py.getAttribute("sys.modules")).rejects.toBeInstanceOf(NotAllowedError);
    await expect(py.stream("os.popen", ["true"]).next()).rejects.toBeInstanceOf(NotAllowedError);
    await expect(py.pipeline((p) => p.call("builtins.eval", ["1"]))).rejects.toBeInstanceOf(NotAllowedError);
    const outcomes = await py.batch([{ path: "math.sqrt", args: [9] }, { path: "builtins.exec", args: ["1"] }, { path: "math.sqrt", args: [16] }]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(outcomes[1]?.status === "rejected" && outcomes[1].reason).toBeInstanceOf(NotAllowedError);
    expect(outcomes[2]).toEqual({ status: "fulfilled", value: 4 });
    expect(await py.call("math.sqrt", [49])).toBe(7);
  });

  test("a strict facade refuses an undeclared function", async () => {
    const transport = new InMemoryTransport({ "math.sqrt": (value: number) => Math.sqrt(value), "math.floor": Math.floor });
    const catalog = { math: { functions: ["floor"] } };
    const py = createSnakepit({ transport, catalog, allowlist: CallAllowlist.fromConfig({ mode: "strict" }, catalog) });
    expect(await py.call("math.floor", [2.5])).toBe(2);
    await expect(py.call("math.sqrt", [4])).rejects.toThrow(/math.sqrt is not allowed: no pattern of the strict allowlist grants it/);
  });
});
