import { createSnakepit } from "@snakepit/core";
import { InMemoryTransport } from "@snakepit/core/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { generateBindings } from "../src/codegen/generate-bindings.js";
import { writeGeneratedFiles } from "../src/codegen/write-generated.js";
import { outputFolder } from "./support/output-folder.js";
import { seedLock } from "./support/seed-lock.js";

/** The generated module, as a program imports it. */
interface Generated {
  useSnakepit(py: unknown): unknown;
  numpy: { mean(values: unknown, options?: object): Promise<unknown> };
  sklearn: {
    metrics: { accuracy_score(yTrue: unknown, yPred: unknown, options?: object): Promise<unknown> };
    ensemble: { RandomForestClassifier: { create(options?: object): Promise<{ fit(x: unknown, y: unknown): Promise<unknown>; predict(x: unknown): Promise<unknown>; dispose(): Promise<void>; [Symbol.asyncDispose](): Promise<void> }> } };
  };
  typed_tools: { summarize(values: unknown, weights: unknown, options: object): Promise<unknown>; count_up(start: number): AsyncIterable<number> };
}

let folder: Awaited<ReturnType<typeof outputFolder>>;
let generated: Generated;

beforeAll(async () => {
  folder = await outputFolder("runtime");
  await writeGeneratedFiles(folder.path, generateBindings(await seedLock()));
  generated = (await import(`${folder.path}/snakepit.generated.ts`)) as Generated;
});

afterAll(() => folder.cleanup());

describe("generated wrappers at run time (InMemoryTransport, no Python)", () => {
  test("fail with a clear message before useSnakepit", async () => {
    await expect(generated.numpy.mean([1])).rejects.toThrow(/not bound to a runtime yet. Call useSnakepit\(py\)/);
  });

  test("call Python paths with positional arguments and the options as keyword arguments", async () => {
    const transport = new InMemoryTransport({
      "numpy.mean": (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length,
      "sklearn.metrics.accuracy_score": (truth: number[], predicted: number[], kwargs?: { normalize?: boolean }) => {
        const hits = truth.filter((value, index) => value === predicted[index]).length;
        return kwargs?.normalize === false ? hits : hits / truth.length;
      },
      "typed_tools.summarize": (values: number[]) => [values.length, "mean"],
      "typed_tools.count_up": function* (start: number) { for (let value = start; value < start + 3; value++) yield value; },
    });
    generated.useSnakepit(createSnakepit({ transport }));
    expect(await generated.numpy.mean([1, 2, 3])).toBe(2);
    expect(await generated.sklearn.metrics.accuracy_score([0, 1, 1, 0], [0, 1, 0, 0], { normalize: false })).toBe(3);
    expect(transport.calls.at(-1)).toMatchObject({ target: "sklearn.metrics.accuracy_score", args: [[0, 1, 1, 0], [0, 1, 0, 0]], kwargs: { normalize: false } });
    await generated.typed_tools.summarize([1, 2], undefined, { from: 1 });
    expect(transport.calls.at(-1)).toMatchObject({ target: "typed_tools.summarize", args: [[1, 2]], kwargs: { from: 1 } }); // trailing undefined dropped
    const counted: number[] = [];
    for await (const value of generated.typed_tools.count_up(5)) counted.push(value);
    expect(counted).toEqual([5, 6, 7]);
  });

  test("classes create a remote object, call its methods and release it with await using", async () => {
    class FakeForest {
      constructor(readonly options: { n_estimators?: number } = {}) {}
      fit() { return null; }
      predict(rows: unknown[]) { return rows.map(() => this.options.n_estimators ?? 0); }
    }
    const transport = new InMemoryTransport({ "sklearn.ensemble.RandomForestClassifier": FakeForest });
    generated.useSnakepit(createSnakepit({ transport }));
    {
      await using forest = await generated.sklearn.ensemble.RandomForestClassifier.create({ n_estimators: 7 });
      await forest.fit([[0]], [0]);
      expect(await forest.predict([[0], [1]])).toEqual([7, 7]);
      expect(transport.liveObjects).toBe(1);
    }
    expect(transport.liveObjects).toBe(0);
    expect(transport.calls.map((call) => call.method)).toContain("release");
  });
});
