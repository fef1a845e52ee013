import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CatalogGenerator } from "@snakepit/core";
import { ScriptedChatServer } from "@snakepit/llm-analyzer/testing";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { ExitCode } from "../src/cli/exit-codes.js";
import { main, type MainOptions } from "../src/cli/main.js";
import type { Prompt } from "../src/cli/prompt.js";
import { allDescriptions } from "./fixtures/descriptions.js";
import { FixedIntrospector } from "./support/fixed-introspector.js";
import { capturedStreams, standInRuntime } from "./support/stand-in-runtime.js";

let project: string;
beforeEach(async () => {
  project = await mkdtemp(join(tmpdir(), "snakepit-add-"));
});
afterEach(() => rm(project, { recursive: true, force: true }));

const configFile = () => join(project, "snakepit.config.ts");
const config = (libraries: string, extra = "") => `import { defineConfig } from "@snakepit/core";\nexport default defineConfig({${extra}\n  libraries: {\n${libraries}\n  },\n});\n`;

/** `importlib.metadata.metadata(name)` as the worker returns it: a message object read through `get` and `get_payload`. */
class DistributionMessage {
  constructor(private readonly name: string) {}
  get(field: string): string | null {
    return ({ Name: this.name, Version: "1.5.2", Summary: "A set of python modules for machine learning and data mining" } as Record<string, string>)[field] ?? null;
  }
  get_payload(): string {
    return "scikit-learn is a Python module for machine learning built on top of SciPy.";
  }
}

function runtime() {
  return standInRuntime(new FixedIntrospector(allDescriptions), { "importlib.metadata.metadata": (name: string) => new DistributionMessage(name) });
}

/** A prompt that answers `answer` and records the questions. */
function answering(answer: boolean): Prompt & { questions: string[] } {
  const questions: string[] = [];
  return { interactive: true, questions, confirm: async (question) => { questions.push(question); return answer; } };
}

async function run(argv: string[], options: Omit<MainOptions, "streams"> = {}) {
  const output = capturedStreams();
  const code = await main([...argv, "--cwd", project, "--quiet"], { streams: output.streams, runtime: runtime(), environment: {}, ...options });
  return { code, stdout: output.stdout(), stderr: output.stderr() };
}

describe("add: drafting, confirming, writing", () => {
  test("--yes writes the introspection draft with generatedBy, then syncs: lock and wrappers are current", async () => {
    await writeFile(configFile(), config(`    statistics: { functions: ["mean"] },`));
    const loader = runtime();
    const { code, stdout, stderr } = await run(["add", "scikit-learn>=1.3", "--yes"], { runtime: loader });
    expect(stderr).not.toContain("error");
    expect(code).toBe(ExitCode.ok);
    expect(loader.starts).toHaveLength(1); // the sync reuses the runtime add started
    expect(loader.starts[0]?.extraPackages).toEqual(["scikit-learn>=1.3"]);
    expect(loader.closed).toBe(1);
    const source = await readFile(configFile(), "utf8");
    expect(source).toContain('    sklearn: {\n      package: "scikit-learn>=1.3",\n      functions: [\n        "metrics.accuracy_score",');
    expect(source).toContain('name: "ensemble.RandomForestClassifier"');
    expect(source).toMatch(/generatedBy: \{ generator: "introspection", at: "\d{4}-/);
    expect(stdout).toContain("+     sklearn: {");
    expect(stdout).toContain("Wrote libraries.sklearn");
    const lock = await readFile(join(project, ".snakepit", "catalog.lock.json"), "utf8");
    expect(lock).toContain("sklearn.metrics.accuracy_score");
    expect(await readFile(join(project, "snakepit.generated", "sklearn", "metrics.ts"), "utf8")).toContain("export async function accuracy_score(");
  });

  test("without a terminal and without --yes, prints the draft and writes nothing (exit 0)", async () => {
    const before = config(`    statistics: { functions: ["mean"] },`);
    await writeFile(configFile(), before);
    const { code, stdout } = await run(["add", "scikit-learn>=1.3"], { prompt: { interactive: false, confirm: async () => { throw new Error("must not ask"); } } });
    expect(code).toBe(ExitCode.ok);
    expect(stdout).toContain('+       package: "scikit-learn>=1.3",');
    expect(stdout).toContain("Not written: there is no terminal to confirm on. Pass --yes to write this entry to snakepit.config.ts.");
    expect(await readFile(configFile(), "utf8")).toBe(before);
    expect(existsSync(join(project, ".snakepit", "catalog.lock.json"))).toBe(false);
  });

  test("at a terminal it asks; yes writes, no leaves the config alone", async () => {
    const before = config("");
    await writeFile(configFile(), before);
    const declined = answering(false);
    expect((await run(["add", "scikit-learn>=1.3"], { prompt: declined })).stdout).toContain("Not written.");
    expect(declined.questions).toEqual(["Write this entry to snakepit.config.ts? [y/N]"]);
    expect(await readFile(configFile(), "utf8")).toBe(before);
    const accepted = await run(["add", "scikit-learn>=1.3"], { prompt: answering(true) });
    expect(accepted.code).toBe(ExitCode.ok);
    expect(await readFile(configFile(), "utf8")).toContain("sklearn: {");
  });

  test("an existing key is redrafted as a line diff and replaced in place", async () => {
    await writeFile(configFile(), config(`    sklearn: { package: "scikit-learn>=1.3", functions: ["metrics.accuracy_score"] }, // hand-written\n    statistics: { functions: ["mean"] },`));
    const { code, stdout } = await run(["add", "scikit-learn>=1.3", "--yes"]);
    expect(code).toBe(ExitCode.ok);
    expect(stdout).toContain("Changes to libraries.sklearn");
    expect(stdout).toContain('          "metrics.accuracy_score",'); // unchanged line: two spaces of diff margin
    expect(stdout).toContain("+       classes: [");
    const source = await readFile(configFile(), "utf8");
    expect(source.match(/sklearn: \{/g)).toHaveLength(1);
    expect(source).toContain('    }, // hand-written\n    statistics: { functions: ["mean"] },');
  });

  test("uses the bound CatalogGenerator when there is one, and reports dropped names", async () => {
    await writeFile(configFile(), config(""));
    const generator: CatalogGenerator = { name: "custom", generate: async (request) => ({ library: { package: request.requirement, functions: ["read_csv"] }, dropped: ["read_parquet"], warnings: [] }) };
    const { code, stdout } = await run(["add", "pandas>=2", "--yes"], { services: { catalogGenerator: generator } });
    expect(code).toBe(ExitCode.ok);
    expect(await readFile(configFile(), "utf8")).toMatch(/pandas: \{\n {6}package: "pandas>=2",\n {6}functions: \[\n {8}"read_csv",\n {6}\],\n {6}generatedBy: \{ generator: "custom", at: /);
    expect(stdout).toContain("Dropped (not found in the installed package): read_parquet.");
  });

  test("a module that does not import fails with exit 3 and says to pass --module", async () => {
    await writeFile(configFile(), config(""));
    const missing = await run(["add", "no-such-thing"]);
    expect(missing.code).toBe(ExitCode.catalogInvalid);
    expect(missing.stderr).toContain("`import no_such_thing` fails. Pass the module's import name with --module");
  });
});

describe("add --llm", () => {
  const reply = JSON.stringify({
    functions: [{ name: "metrics.accuracy_score", pure: true, types: null }, { name: "metrics.magic_score", pure: null, types: null }],
    classes: [
      { name: "ensemble.RandomForestClassifier", methods: [{ name: "fit", pure: false, types: null }, { name: "predict", pure: null, types: null }] },
      { name: "ensemble.QuantumForest", methods: null },
    ],
    modules: [],
    notes: ["check the forest's methods"],
  });

  test("drafts with the model, drops invented names, records generator and model, and sends the package's README", async () => {
    const server = await ScriptedChatServer.start([reply]);
    try {
      await writeFile(configFile(), config(""));
      const { code, stdout, stderr } = await run(["add", "scikit-learn>=1.3", "--llm", "--model", "scripted-model", "--yes"], {
        environment: { OPENAI_API_KEY: "test", OPENAI_BASE_URL: server.baseURL },
      });
      expect(code, stderr).toBe(ExitCode.ok);
      expect(stdout).toContain("Dropped (not found in the installed package): metrics.magic_score, ensemble.QuantumForest.");
      expect(stderr).toContain("warning: model note: check the forest's methods");
      const source = await readFile(configFile(), "utf8");
      expect(source).not.toMatch(/magic_score|QuantumForest/);
      expect(source).toContain('{ name: "ensemble.RandomForestClassifier", methods: ["fit", "predict"] }');
      expect(source).toMatch(/generatedBy: \{ generator: "llm", model: "scripted-model", at: /);
      expect(server.requests[0]?.authorization).toBe("Bearer test");
      expect(server.requests[0]?.messages.map((message) => message.content).join("\n")).toContain("scikit-learn is a Python module for machine learning");
    } finally {
      await server.close();
    }
  });

  test("the config's llm section selects the model and the key variable", async () => {
    const server = await ScriptedChatServer.start([reply]);
    try {
      await writeFile(configFile(), config("", `\n  llm: { model: "from-config", baseURL: "${server.baseURL}", apiKeyEnv: "MY_KEY" },`));
      const { code } = await run(["add", "scikit-learn>=1.3", "--yes"], { environment: { MY_KEY: "secret" } });
      expect(code).toBe(ExitCode.ok);
      expect(server.requests[0]?.model).toBe("from-config");
      expect(server.requests[0]?.authorization).toBe("Bearer secret");
    } finally {
      await server.close();
    }
  });

  test("without an API key it says so on stderr and drafts from introspection", async () => {
    await writeFile(configFile(), config(""));
    const { code, stderr } = await run(["add", "scikit-learn>=1.3", "--llm", "--yes"], { environment: {} });
    expect(code).toBe(ExitCode.ok);
    expect(stderr).toContain("warning: no API key in $OPENAI_API_KEY; drafting from introspection instead");
    expect(await readFile(configFile(), "utf8")).toContain('generatedBy: { generator: "introspection"');
  });

  test("a model that never gives a valid reply fails with exit 3 and writes nothing", async () => {
    const server = await ScriptedChatServer.start(["not json", "still not json", "{}"]);
    try {
      const before = config("");
      await writeFile(configFile(), before);
      const { code, stderr } = await run(["add", "scikit-learn>=1.3", "--llm", "--yes"], { environment: { OPENAI_API_KEY: "test", OPENAI_BASE_URL: server.baseURL } });
      expect(code).toBe(ExitCode.catalogInvalid);
      expect(stderr).toContain("gave no valid catalog draft");
      expect(await readFile(configFile(), "utf8")).toBe(before);
    } finally {
      await server.close();
    }
  });
});
