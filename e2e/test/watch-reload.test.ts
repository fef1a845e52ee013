import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { defineConfig, typeRegistry } from "@snakepit/core";
import { startRuntime, type ReloadEvent, type StartedSnakepit } from "snakepit";
import { TemporaryProject } from "../support/temporary-project.js";
import { waitUntil } from "../support/wait-until.js";

class Point {
  constructor(readonly x: number, readonly y: number) {}
}

const moduleSource = (answer: string) => `import time


def version(pause: float = 0.0) -> str:
    time.sleep(pause)
    return ${JSON.stringify(answer)}
`;

/**
 * A user's project with a local Python library (installed editable by a
 * real uv build), run with `startRuntime({ watch: true })`: editing the
 * library while calls are queued and running rolls the workers without
 * failing any call.
 */
describe("watch mode: a local Python library edited under load (real uv env, real workers)", () => {
  let project: TemporaryProject;
  let runtime: StartedSnakepit;
  const reloads: ReloadEvent[] = [];

  beforeAll(async () => {
    project = await TemporaryProject.create("watch-reload");
    await project.write("mylib/pyproject.toml", `[build-system]\nrequires = ["setuptools>=68"]\nbuild-backend = "setuptools.build_meta"\n\n[project]\nname = "mylib"\nversion = "0.1.0"\n\n[tool.setuptools]\npackages = ["mylib"]\n`);
    await project.write("mylib/mylib/__init__.py", moduleSource("old"));
    // The Python half of a user type; the config's `types.python` makes every worker import it.
    await project.write("mylib/mylib/snakepit_types.py", `from snakepit_bridge import types


class Point:
    def __init__(self, x: float, y: float) -> None:
        self.x, self.y = x, y


def make_point(x: float, y: float) -> Point:
    return Point(x, y)


types.register("watch.Point", Point, lambda point: [point.x, point.y], lambda data: Point(*data))
`);
    const config = defineConfig({
      python: "3.11",
      environment: { name: "watch" },
      libraries: { mylib: { path: "./mylib", functions: ["version"], modules: ["snakepit_types"] } },
      execution: { workers: 2 },
      types: { python: ["mylib.snakepit_types"] },
    });
    typeRegistry.register({
      name: "watch.Point",
      is: (value): value is Point => value instanceof Point,
      toWire: (point) => [point.x, point.y],
      fromWire: (data) => new Point(...(data as [number, number])),
    });
    runtime = await startRuntime({ config, projectDir: project.dir, watch: true, onReload: (event) => reloads.push(event) });
  });
  afterAll(async () => {
    typeRegistry.unregister("watch.Point");
    await runtime?.snakepit.close();
  });

  test("the workers import the config's types.python: the Python class comes back as the TS class", async () => {
    const point = await runtime.snakepit.call("mylib.snakepit_types.make_point", [1, 2]);
    expect(point).toBeInstanceOf(Point);
    expect(point).toEqual(new Point(1, 2));
  });

  test("every queued and running call completes across the edit, and later calls see the new code", async () => {
    const py = runtime.snakepit;
    expect(await py.call("mylib.version")).toBe("old");
    const oldPids = runtime.pool.pids;
    // Each worker runs its calls one at a time: 200 × 20 ms keeps both busy and most calls queued while the edit lands.
    const calls = Array.from({ length: 200 }, () => py.call<string>("mylib.version", [0.02]));
    await waitUntil(() => runtime.pool.queued > 0, 30_000);
    await project.write("mylib/mylib/__init__.py", moduleSource("new"));

    const outcomes = await Promise.allSettled(calls);
    expect(outcomes.filter((outcome) => outcome.status === "rejected")).toEqual([]);
    for (const outcome of outcomes) expect(["old", "new"]).toContain((outcome as PromiseFulfilledResult<string>).value);

    expect(await waitUntil(() => reloads.length > 0, 60_000)).toBe(true);
    expect(reloads[0]?.error).toBeUndefined();
    expect(reloads[0]?.changes.map((change) => change.kind)).toContain("python");
    expect(await py.call("mylib.version")).toBe("new");
    expect(runtime.pool.pids.some((pid) => oldPids.includes(pid))).toBe(false);
    // A reload keeps the user types: the fresh workers imported types.python too.
    expect(await py.call("mylib.snakepit_types.make_point", [3, 4])).toEqual(new Point(3, 4));
  });

  test("snakepit.reload() rolls the workers on demand; calls running during it complete", async () => {
    const py = runtime.snakepit;
    const before = runtime.pool.pids;
    const during = Array.from({ length: 20 }, () => py.call<string>("mylib.version", [0.01]));
    await py.reload();
    expect((await Promise.allSettled(during)).filter((outcome) => outcome.status === "rejected")).toEqual([]);
    expect(runtime.pool.pids.some((pid) => before.includes(pid))).toBe(false);
    expect(await py.call("mylib.version")).toBe("new");
  });
});
