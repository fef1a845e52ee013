import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { seedLock } from "./support/seed-lock.js";

/** The built executable, run with the repository's Node 24 as a user would run `npx snakepit`. */
const repository = fileURLToPath(new URL("../../../", import.meta.url));
const node = join(repository, "node_modules", ".bin", "node");
const bin = join(repository, "packages", "cli", "dist", "bin.js");

function snakepit(cwd: string, ...args: string[]) {
  const result = spawnSync(node, [bin, ...args], { cwd, encoding: "utf8", timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let project: string;
beforeEach(async () => {
  project = await mkdtemp(join(tmpdir(), "snakepit-bin-"));
});
afterEach(() => rm(project, { recursive: true, force: true }));

describe.skipIf(!existsSync(bin))("the snakepit executable (no Python needed)", () => {
  test("--help and --version exit 0; no command, an unknown command or flag exit 1", () => {
    const help = snakepit(project, "--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: snakepit <command> [options]");
    expect(help.stdout).toMatch(/ {2}3 {2}catalogInvalid/);
    expect(snakepit(project, "--version").stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(snakepit(project).code).toBe(1);
    const unknown = snakepit(project, "synk");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Unknown command "synk"');
    const badFlag = snakepit(project, "generate", "--outt", "x.ts");
    expect(badFlag.code).toBe(1);
    expect(badFlag.stderr).toContain("--outt");
    expect(snakepit(project, "generate", "--help").stdout).toContain("snakepit generate [--out snakepit.generated.ts] [--check]");
  });

  test("init writes a loadable starter; a second init exits 1; --force overwrites", async () => {
    const first = snakepit(project, "init");
    expect(first.code).toBe(0);
    expect(await readFile(join(project, "snakepit.config.ts"), "utf8")).toContain("defineConfig");
    expect(snakepit(project, "init").code).toBe(1);
    expect(snakepit(project, "init", "--force").code).toBe(0);
  });

  test("generate without a lock exits 6 and says to run sync; --json gives one parseable document", () => {
    const result = snakepit(project, "generate", "--json");
    expect(result.code).toBe(6);
    const document = JSON.parse(result.stdout) as { ok: boolean; error: { code: string; exitCode: number; message: string } };
    expect(document).toMatchObject({ ok: false, command: "generate", error: { code: "LOCK", exitCode: 6 } });
    expect(document.error.message).toContain("Run `snakepit sync`");
  });

  test("generate writes the wrappers from a lock, with no Python; --check then passes", async () => {
    await mkdir(join(project, ".snakepit"));
    await writeFile(join(project, ".snakepit", "catalog.lock.json"), JSON.stringify(await seedLock()));
    const result = snakepit(project, "generate", "--out", "src/snakepit.generated.ts");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(await readFile(join(project, "src", "snakepit.generated", "sklearn", "ensemble.ts"), "utf8")).toContain("export class RandomForestClassifier");
    expect(snakepit(project, "generate", "--out", "src/snakepit.generated.ts", "--check").code).toBe(0);
  });

  test("an invalid config exits 2 and names the key; a missing one says snakepit init", async () => {
    await mkdir(join(project, ".snakepit"));
    await writeFile(join(project, ".snakepit", "catalog.lock.json"), JSON.stringify(await seedLock()));
    await writeFile(join(project, "snakepit.config.ts"), 'import { defineConfig } from "@snakepit/core";\nexport default defineConfig({ libraries: { numpy: { pakage: "numpy" } } });\n');
    const invalid = snakepit(project, "generate");
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('libraries.numpy.pakage: unknown key; did you mean "package"?');
    await rm(join(project, "snakepit.config.ts"));
    const missing = snakepit(project, "sync");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("Run `snakepit init`");
  });
});
