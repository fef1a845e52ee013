import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { EnvironmentError } from "@snakepit/core";
import { describe, expect, inject, test } from "vitest";
import { UvEnvironmentManager } from "../src/index.js";
import { progressRecorder, temporaryProject } from "./support/temporary-project.js";

const uvPath = inject("uvPath");
const manager = () => new UvEnvironmentManager({ uvPath });

describe.concurrent("UvEnvironmentManager", () => {
  test("reports resolving, downloading or installing, and done, and says which index it uses", async (context) => {
    const project = await temporaryProject(context);
    const progress = progressRecorder();
    await manager().ensure(project.spec(["six"]), progress.options);
    const phases = new Set(progress.events.map((event) => event.phase));
    for (const phase of ["resolving", "installing", "done"] as const) expect(phases).toContain(phase);
    expect(progress.events.find((event) => event.phase === "info" && /index/.test(event.message))?.message).toMatch(/pypi|find-links|index/);
  });

  test("an unchanged environment is returned without running uv at all", async (context) => {
    const project = await temporaryProject(context);
    const built = await manager().ensure(project.spec(["six"]));
    const withoutUv = new UvEnvironmentManager({ uvPath: "/nonexistent/uv", bootstrap: false });
    const started = performance.now();
    expect(await withoutUv.ensure(project.spec(["six"]))).toEqual(built);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  test("a missing interpreter says so, lists the interpreters found and keeps the previous environment", async (context) => {
    const project = await temporaryProject(context);
    const working = await manager().ensure(project.spec(["six"]));
    const error = await manager().ensure(project.spec(["six"], { python: "3.99" })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EnvironmentError);
    expect((error as Error).message).toMatch(/No Python interpreter matching "3\.99"/);
    expect((error as Error).message).toMatch(/Python 3\.\d+\.\d+ at \//);
    expect(await manager().ensure(project.spec(["six"]))).toEqual(working);
  });

  test("an existing uv.lock is installed exactly, without relocking", async (context) => {
    const project = await temporaryProject(context);
    const first = await manager().ensure(project.spec(["six"]));
    const lock = await readFile(first.lockfile ?? "", "utf8");
    await rm(join(project.projectDir, ".snakepit", "envs", "main", "state.json"));
    const progress = progressRecorder();
    const again = await manager().ensure(project.spec(["six"]), progress.options);
    expect(progress.events.some((event) => /uv\.lock matches/.test(event.message))).toBe(true);
    expect(progress.events.some((event) => /^Resolved/.test(event.message))).toBe(false);
    expect(await readFile(again.lockfile ?? "", "utf8")).toBe(lock);
    expect(again.fingerprint).toBe(first.fingerprint);
    expect(again.root).not.toBe(first.root);
  });

  test("a changed spec keeps the pins of the existing lock", async (context) => {
    const project = await temporaryProject(context);
    await manager().ensure(project.spec(["six==1.16.0"]));
    const widened = await manager().ensure(project.spec(["six>=1.16", "idna"]));
    const six = (await manager().listInstalled(widened)).find((item) => item.name === "six");
    expect(six?.version).toBe("1.16.0");
  });

  test("leftovers of a killed build are cleaned up by the next one", async (context) => {
    const project = await temporaryProject(context);
    await manager().ensure(project.spec(["six"]));
    const environments = join(project.projectDir, ".snakepit", "envs");
    await mkdir(join(environments, ".staging-main-pid999999-deadbeef"));
    await mkdir(join(environments, "main", "venv-deadbeef"));
    await manager().ensure(project.spec(["six", "idna"]));
    expect((await readdir(environments)).filter((entry) => entry.startsWith(".staging"))).toEqual([]);
    expect(await readdir(join(environments, "main"))).not.toContain("venv-deadbeef");
  });

  test("uses the index named by pip's configuration and reports it", async (context) => {
    const project = await temporaryProject(context);
    const progress = progressRecorder();
    const closed = new UvEnvironmentManager({ uvPath, env: { PIP_INDEX_URL: "http://127.0.0.1:9/simple", UV_HTTP_RETRIES: "0" } });
    const error = await closed.ensure(project.spec(["six"]), progress.options).catch((caught: unknown) => caught);
    expect(progress.events.find((event) => event.phase === "info" && /pip's configuration/.test(event.message))?.message).toContain("http://127.0.0.1:9/simple");
    expect((error as Error).message).toMatch(/Could not reach the package index/);
  });

  test("uv's own index variables take precedence over pip's configuration", async (context) => {
    const project = await temporaryProject(context);
    const progress = progressRecorder();
    const closed = new UvEnvironmentManager({ uvPath, env: { PIP_INDEX_URL: "https://pypi.org/simple", UV_DEFAULT_INDEX: "http://127.0.0.1:9/simple", UV_HTTP_RETRIES: "0" } });
    await expect(closed.ensure(project.spec(["six"]), progress.options)).rejects.toThrow(/127\.0\.0\.1:9/);
    expect(progress.events.find((event) => event.phase === "info" && /uv's variables/.test(event.message))).toBeDefined();
  });

  test("detect() bootstraps uv into the tools folder when none is found, saying so", async (context) => {
    const project = await temporaryProject(context);
    const progress = progressRecorder();
    const toolsDir = join(project.projectDir, ".snakepit", "tools");
    const isolated = new UvEnvironmentManager({ toolsDir, env: { PATH: pathWithoutUv(), HOME: project.projectDir, SNAKEPIT_UV: "" } });
    const detection = await isolated.detect(progress.options);
    expect(detection).toMatchObject({ available: true, source: `bootstrapped into ${join(toolsDir, "uv-venv")}` });
    expect(progress.events.filter((event) => event.phase === "bootstrapping").length).toBeGreaterThan(0);
  });

  test("when uv can be neither found nor installed, the error names both ways out", async (context) => {
    const project = await temporaryProject(context);
    const stuck = new UvEnvironmentManager({
      toolsDir: join(project.projectDir, "tools"), bootstrapPython: "/nonexistent/python3",
      env: { PATH: pathWithoutUv(), HOME: project.projectDir, SNAKEPIT_UV: "" },
    });
    const detection = await stuck.detect();
    expect(detection.available).toBe(false);
    expect(detection.reason).toMatch(/SNAKEPIT_UV/);
    expect(detection.reason).toMatch(/pip install uv/);
    await expect(stuck.ensure((await temporaryProject(context)).spec(["six"]))).rejects.toBeInstanceOf(EnvironmentError);
  });

  test("an explicit uv path that does not work is reported, not silently replaced", async () => {
    const detection = await new UvEnvironmentManager({ uvPath: "/nonexistent/uv" }).detect();
    expect(detection).toMatchObject({ available: false });
    expect(detection.reason).toContain("/nonexistent/uv");
  });

  test("a folder-unsafe environment name is refused", async (context) => {
    const project = await temporaryProject(context);
    await expect(manager().ensure(project.spec(["six"], { name: "../escape" }))).rejects.toThrow(/folder-safe/);
  });

  test("the generated pyproject.toml lists requirements and local sources", async (context) => {
    const project = await temporaryProject(context);
    await mkdir(join(project.projectDir, "lib", "lib_pkg"), { recursive: true });
    await writeFile(join(project.projectDir, "lib", "lib_pkg", "__init__.py"), "");
    await writeFile(join(project.projectDir, "lib", "pyproject.toml"), '[project]\nname = "lib-pkg"\nversion = "0.1.0"\n[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n');
    await manager().lock(project.spec(["six"], { localPackages: [{ path: "lib" }] }));
    const pyproject = await readFile(join(project.projectDir, ".snakepit", "envs", "main", "pyproject.toml"), "utf8");
    expect(pyproject).toContain('"lib-pkg" = { path = "../../../lib", editable = true }');
    expect(pyproject).toContain('requires-python = "==3.11.*"');
  });
});

/** PATH without any folder holding uv, so the bootstrap path is taken even on machines that have uv. */
function pathWithoutUv(): string {
  return ["/usr/bin", "/bin", "/usr/local/bin"].join(":");
}
