import { describe, expect, test } from "vitest";
import { ConfigError, defineCatalog, defineConfig } from "../src/index.js";

const errorOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error as ConfigError;
  }
  throw new Error("expected a ConfigError");
};

describe("defineConfig", () => {
  test("accepts the seed's configuration", () => {
    const config = defineConfig({
      python: "3.11",
      libraries: {
        numpy: { package: "numpy>=1.24", functions: ["mean", "std", "linspace"] },
        sklearn: { package: "scikit-learn>=1.3", classes: ["ensemble.RandomForestClassifier"], functions: ["metrics.accuracy_score"] },
        pandas: { package: "pandas>=2", functions: ["read_csv"], cache: { ttl: "1h" } },
      },
    });
    expect(Object.keys(config.libraries)).toEqual(["numpy", "sklearn", "pandas"]);
  });

  test("names unknown keys with a did-you-mean", () => {
    const error = errorOf(() => defineConfig({ libraries: { numpy: { pakage: "numpy", functions: ["mean"] } } } as never));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain("libraries.numpy.pakage: unknown key; did you mean \"package\"?");
    const root = errorOf(() => defineConfig({ libraries: {}, pyhton: "3.11" } as never));
    expect(root.message).toContain("pyhton: unknown key; did you mean \"python\"?");
  });

  test("rejects bad versions, dotted paths and durations with the key", () => {
    const error = errorOf(() => defineConfig({
      python: "eleven",
      libraries: { numpy: { functions: ["linalg/norm", "__import__"], cache: { ttl: "forever" } } },
    }));
    expect(error.issues).toEqual(expect.arrayContaining([
      expect.stringContaining("python: Python version must look like"),
      expect.stringContaining("libraries.numpy.functions.0"),
      expect.stringContaining("libraries.numpy.functions.1"),
      expect.stringContaining("libraries.numpy.cache.ttl: \"forever\" is not a duration"),
    ]));
    expect(error.message).toContain("use dots between Python names");
  });

  test("defineCatalog validates a catalog on its own", () => {
    expect(defineCatalog({ statistics: { functions: ["mean"] } })).toEqual({ statistics: { functions: ["mean"] } });
    expect(() => defineCatalog({ "bad-key": {} })).toThrow(/library keys become TypeScript names/);
  });
});
