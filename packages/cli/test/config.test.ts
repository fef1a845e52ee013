import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError } from "@snakepit/core";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { insertLibraryEntry, replaceLibraryEntry } from "../src/config/insert-library.js";
import { loadConfig } from "../src/config/load-config.js";
import { renderLibraryEntry } from "../src/config/render-library.js";
import { starterConfig } from "../src/config/starter-config.js";
import { lineDiff } from "../src/drafting/line-diff.js";

let folder: string;
beforeEach(async () => {
  // Outside the workspace on purpose: "@snakepit/core" must resolve to the CLI's own copy.
  folder = await mkdtemp(join(tmpdir(), "snakepit-config-"));
});
afterEach(() => rm(folder, { recursive: true, force: true }));

describe("loading snakepit.config.ts", () => {
  test("loads a TypeScript config with types, importing @snakepit/core from a project that does not install it", async () => {
    await writeFile(join(folder, "snakepit.config.ts"), `import { defineConfig, type SnakepitConfig } from "@snakepit/core";
const libraries: SnakepitConfig["libraries"] = { statistics: { functions: ["mean"] } };
export default defineConfig({ python: "3.11", libraries });
`);
    const { config, file } = await loadConfig(folder);
    expect(file).toBe(join(folder, "snakepit.config.ts"));
    expect(config.libraries.statistics?.functions).toEqual(["mean"]);
  });

  test("the starter config that init writes loads", async () => {
    await writeFile(join(folder, "snakepit.config.ts"), starterConfig);
    expect(Object.keys((await loadConfig(folder)).config.libraries)).toEqual(["statistics"]);
  });

  test("loads .mjs, and a plain object without defineConfig is validated too", async () => {
    await writeFile(join(folder, "snakepit.config.mjs"), "export default { libraries: { statistics: { functoins: ['mean'] } } };\n");
    const error = await loadConfig(folder).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('libraries.statistics.functoins: unknown key; did you mean "functions"?');
  });

  test("a missing file says to run snakepit init", async () => {
    await expect(loadConfig(folder)).rejects.toThrow(/No Snakepit configuration in .* Run `snakepit init`/);
  });

  test("a file without a default export, or that does not load, is a ConfigError that says what to do", async () => {
    await writeFile(join(folder, "snakepit.config.ts"), "export const config = {};\n");
    await expect(loadConfig(folder)).rejects.toThrow(/has no default export/);
    await writeFile(join(folder, "snakepit.config.ts"), "export default defineConfig({ libraries: {} });\n");
    await expect(loadConfig(folder, { fresh: true })).rejects.toThrow(/could not be loaded: .*defineConfig is not defined/);
  });
});

describe("adding a library entry to the config source", () => {
  test("appends after the last library, keeping comments and formatting", async () => {
    const entry = renderLibraryEntry("sklearn", { package: "scikit-learn>=1.3", functions: ["metrics.accuracy_score"], classes: ["ensemble.RandomForestClassifier"], generatedBy: { generator: "introspection", at: "2025-01-01T00:00:00.000Z" } }, "    ");
    const updated = insertLibraryEntry(starterConfig, entry);
    expect(updated).toContain(`    //   functions: ["metrics.accuracy_score"],\n    // },\n    sklearn: {\n      package: "scikit-learn>=1.3",\n      functions: [\n        "metrics.accuracy_score",\n      ],`);
    expect(updated).toContain('      generatedBy: { generator: "introspection", at: "2025-01-01T00:00:00.000Z" },\n    },\n  },\n});');
    await writeFile(join(folder, "snakepit.config.ts"), updated);
    expect(Object.keys((await loadConfig(folder)).config.libraries)).toEqual(["statistics", "sklearn"]);
  });

  test("adds a comma when the last entry has none, and ignores braces in strings and comments", () => {
    const source = 'export default defineConfig({ libraries: {\n  a: { functions: ["}"] } // }\n} });\n';
    const updated = insertLibraryEntry(source, "  b: {},");
    expect(updated).toBe('export default defineConfig({ libraries: {\n  a: { functions: ["}"] }, // }\n  b: {},\n} });\n');
  });

  test("a config without a libraries object gets the entry to paste by hand", () => {
    expect(() => insertLibraryEntry("export default config;", "  x: {},")).toThrow(/Add it by hand:\n {2}x: \{\},/);
  });
});

describe("replacing a library entry in the config source", () => {
  const source = 'export default defineConfig({\n  libraries: {\n    "numpy": { functions: ["mean", "}"] }, // kept\n    sklearn: {\n      functions: ["a"],\n    },\n  },\n});\n';

  test("replaces exactly the entry with that key, quoted or not, keeping what surrounds it", () => {
    expect(replaceLibraryEntry(source, "sklearn", "    sklearn: { functions: [\"b\"] },")).toBe(source.replace('    sklearn: {\n      functions: ["a"],\n    },', '    sklearn: { functions: ["b"] },'));
    expect(replaceLibraryEntry(source, "numpy", "    numpy: {},")).toContain('  libraries: {\n    numpy: {}, // kept\n    sklearn: {');
  });

  test("appends when the key is not there", () => {
    expect(replaceLibraryEntry(source, "pandas", "    pandas: {},")).toBe(insertLibraryEntry(source, "    pandas: {},"));
  });
});

describe("the draft's line diff", () => {
  test("marks removed lines before added ones and keeps common lines", () => {
    expect(lineDiff(["a", "b", "c"], ["a", "x", "c", "d"])).toEqual(["  a", "- b", "+ x", "  c", "+ d"]);
    expect(lineDiff([], ["a"])).toEqual(["+ a"]);
  });
});
