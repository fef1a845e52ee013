/**
 * The snakepit.config.ts that `snakepit init` writes: small, valid, and
 * commented so a new user sees each kind of declaration once.
 */
export const starterConfig = `import { defineConfig } from "@snakepit/core";

/**
 * Which Python libraries this program uses. \`npx snakepit sync\` builds the
 * environment, checks every name below against the installed libraries and
 * writes typed wrappers to snakepit.generated.ts.
 */
export default defineConfig({
  python: "3.11",
  libraries: {
    // The standard library needs no package.
    statistics: { functions: ["mean", "median", "stdev"] },
    // A package from PyPI: the requirement, then the functions and classes you call.
    // numpy: { package: "numpy>=1.24", functions: ["mean", "std", "linspace"] },
    // sklearn: {
    //   package: "scikit-learn>=1.3",
    //   classes: ["ensemble.RandomForestClassifier"],
    //   functions: ["metrics.accuracy_score"],
    // },
  },
});
`;
