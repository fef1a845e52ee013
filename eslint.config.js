// Lint for the whole monorepo. The module-boundary rule lives here: which
// @snakepit package may import which (see DESIGN.md's dependency rule).
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * Packages each folder may import. core: none; adapters: core only, except the
 * environment adapters, which may also use adapter-kit (itself an adapter on
 * core); cli, e2e, bench: any.
 */
const adapters = ["port-python", "transport-grpc", "adapter-uv", "adapter-poetry", "adapter-conda", "adapter-venv", "adapter-kit", "cache", "llm-analyzer", "conformance"];
const environmentAdapters = ["adapter-uv", "adapter-poetry", "adapter-conda", "adapter-venv"];
const ours = ["core", ...adapters];

function restrictImports(folder, files, allowed) {
  const forbidden = ours.filter((name) => name !== folder && !allowed.includes(name));
  return {
    files,
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [
          ...forbidden.map((name) => ({
            group: [`@snakepit/${name}`, `@snakepit/${name}/*`],
            message: `packages/${folder} may not import @snakepit/${name}: ${folder === "core" ? "core depends on no other Snakepit package" : `an adapter depends on @snakepit/core only${allowed.includes("adapter-kit") ? ", plus @snakepit/adapter-kit for environment managers" : ""}`} (DESIGN.md, dependency rule). Move the shared piece into core or compose in the cli.`,
          })),
          { regex: "^snakepit(/.*)?$", message: "Only the cli package is 'snakepit'; libraries must not import it." },
          { group: ["../../*/src/*", "../../../packages/*"], message: "Import other packages by name, never by relative path into their sources." },
        ],
      }],
    },
  };
}

/** Sources may import what the dependency rule allows; tests may also run the conformance suites. */
function boundary(folder, allowed) {
  return [
    restrictImports(folder, [`packages/${folder}/**/*.ts`], allowed),
    restrictImports(folder, [`packages/${folder}/test/**/*.ts`], [...allowed, "conformance"]),
  ];
}

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "**/src/gen/**", ".venv-dev/**", "**/.snakepit/**", "**/.work/**", "python/**", "**/*.generated.ts", "**/snakepit.generated/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2024, sourceType: "module" },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  ...boundary("core", []),
  ...adapters.filter((name) => !environmentAdapters.includes(name)).flatMap((name) => boundary(name, ["core"])),
  ...environmentAdapters.flatMap((name) => boundary(name, ["core", "adapter-kit"])),
);
