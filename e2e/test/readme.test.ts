import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, test } from "vitest";
import { codeBlocks, repositoryRoot, TemporaryProject } from "../support/temporary-project.js";

test("the README's quick start runs as written: config → snakepit sync → the program", async () => {
  const readme = await readFile(join(repositoryRoot, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## What a user writes"), readme.indexOf("Without generated code"));
  const [config, sync, program] = codeBlocks(section);
  expect(config?.code).toContain("// snakepit.config.ts");
  expect(sync?.code).toContain("npx snakepit sync");
  expect(program?.code).toContain("// main.ts");

  const project = await TemporaryProject.create("readme-quick-start");
  await project.write("snakepit.config.ts", config?.code ?? "");
  await project.write("main.ts", program?.code ?? "");

  const synced = await project.cli(["sync"]);
  expect(synced.exitCode, `${synced.stdout}\n${synced.stderr}`).toBe(0);
  const compiled = await project.compile();
  expect(compiled.exitCode, `${compiled.stdout}\n${compiled.stderr}`).toBe(0);
  const ran = await project.run("main.js");
  expect(ran.exitCode, ran.stderr).toBe(0);
  expect(ran.stdout.trim()).toBe("2 1");
}, 600_000);
