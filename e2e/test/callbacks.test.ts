import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { callbackSignal, NDArray, PythonError, TimeoutError, type Snakepit } from "@snakepit/core";
import { fixturesEnv } from "../support/fixtures.js";
import { startSnakepitOnPool, type TransportKind } from "../support/pool.js";

const fixtures = "callback_fixtures";

/** The 10-dimensional Rosenbrock function and its gradient, in TypeScript. */
function rosenbrock(x: NDArray): number {
  const values = x.data as Float64Array;
  let sum = 0;
  for (let index = 0; index + 1 < values.length; index++) {
    const a = values[index] ?? 0;
    const b = values[index + 1] ?? 0;
    sum += 100 * (b - a * a) ** 2 + (1 - a) ** 2;
  }
  return sum;
}

function rosenbrockGradient(x: NDArray): NDArray {
  const values = x.data as Float64Array;
  const gradient = new Float64Array(values.length);
  for (let index = 0; index + 1 < values.length; index++) {
    const a = values[index] ?? 0;
    const b = values[index + 1] ?? 0;
    gradient[index] = (gradient[index] ?? 0) - 400 * a * (b - a * a) - 2 * (1 - a);
    gradient[index + 1] = (gradient[index + 1] ?? 0) + 200 * (b - a * a);
  }
  return NDArray.from(gradient);
}

interface Minimum {
  readonly x: NDArray;
  readonly fun: number;
  readonly nit: number;
  readonly success: boolean;
}

const start = [1.3, 0.7, 0.8, 1.9, 1.2, 1.1, 0.5, 0.9, 1.4, 0.6];

describe.each<TransportKind>(["framed", "grpc-js", "connect"])("Python calls TypeScript over %s", (kind) => {
  let py: Snakepit;

  beforeAll(async () => {
    ({ py } = await startSnakepitOnPool(kind, { workers: 1, env: fixturesEnv }));
  });
  afterAll(async () => {
    await py.close();
  });

  test("a sync and an async TS function called from Python", async () => {
    expect(await py.call(`${fixtures}.twice`, [(x: number) => x * 3, 2])).toBe(18);
    expect(await py.call(`${fixtures}.twice`, [async (x: number) => x + 1, 2])).toBe(4);
  });

  test("scipy.optimize.minimize with a TS objective and gradient converges to the point the Python objective reaches", async () => {
    let evaluations = 0;
    const objective = (x: NDArray): number => {
      evaluations++;
      return rosenbrock(x);
    };
    const fromTs = await py.call<Minimum>(`${fixtures}.minimize`, [objective, start], { jac: rosenbrockGradient });
    const fromPython = await py.call<Minimum>(`${fixtures}.minimize_python`, [start]);
    expect(fromTs.success).toBe(true);
    expect(evaluations).toBeGreaterThan(10);
    const reached = Array.from(fromTs.x.data as Float64Array);
    const expected = Array.from(fromPython.x.data as Float64Array);
    reached.forEach((value, index) => expect(value).toBeCloseTo(expected[index] ?? Number.NaN, 6));
    reached.forEach((value) => expect(value).toBeCloseTo(1, 5));
    expect(fromTs.nit).toBe(fromPython.nit); // same arithmetic, same path
  });

  test("scikit-learn cross_val_score with a TS scorer returns the scores TS computed", async () => {
    const computed: number[] = [];
    const accuracy = async (estimator: { predict(X: NDArray): Promise<NDArray> }, X: NDArray, y: NDArray): Promise<number> => {
      const predicted = await estimator.predict(X); // a call back into the same worker, while cross_val_score waits
      const truth = Array.from(y.data as ArrayLike<number | bigint>, Number);
      const guesses = Array.from(predicted.data as ArrayLike<number | bigint>, Number);
      const score = truth.filter((label, index) => label === guesses[index]).length / truth.length;
      computed.push(score);
      return score;
    };
    const scores = await py.call<NDArray>(`${fixtures}.cross_val_scores`, [accuracy]);
    expect(computed).toHaveLength(3);
    expect(Array.from(scores.data as Float64Array)).toEqual(computed);
    computed.forEach((score) => expect(score).toBeGreaterThan(0.8));
  });

  test("the call's deadline bounds its callbacks: the call times out and the callback's signal aborts", async () => {
    let signal: AbortSignal | undefined;
    const slow = async (): Promise<number> => {
      signal = callbackSignal();
      await new Promise((resolve) => signal?.addEventListener("abort", resolve, { once: true }));
      return 0;
    };
    const failure = await py.call(`${fixtures}.call_through`, [slow, 1], {}, { timeoutMs: 500 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TimeoutError);
    await expect.poll(() => signal?.aborted, { timeout: 10_000 }).toBe(true);
    expect(await py.call("math.sqrt", [9])).toBe(3); // the worker is free again
  });

  test("cancelling the outer call cancels the callback in flight", async () => {
    let signal: AbortSignal | undefined;
    const started = Promise.withResolvers<void>();
    const waiting = async (): Promise<number> => {
      signal = callbackSignal();
      started.resolve();
      await new Promise((resolve) => signal?.addEventListener("abort", resolve, { once: true }));
      return 0;
    };
    const controller = new AbortController();
    const call = py.call(`${fixtures}.call_through`, [waiting, 1], {}, { signal: controller.signal }).catch((error: unknown) => error);
    await started.promise;
    controller.abort();
    expect(await call).toMatchObject({ name: "CancelledError" });
    await expect.poll(() => signal?.aborted, { timeout: 10_000 }).toBe(true);
  });

  test("a progress callback receives every step of a Python loop, in order", async () => {
    const steps: [number, number][] = [];
    const done = await py.call(`${fixtures}.train`, [20, (step: number, options: { loss: number }) => { steps.push([step, options.loss]); }]);
    expect(done).toBe(20);
    expect(steps.map(([step]) => step)).toEqual(Array.from({ length: 20 }, (_, index) => index));
    expect(steps[3]?.[1]).toBeCloseTo(0.25, 12);
  });

  test("a TS error surfaces in Python as CallbackError with the TS name, message and stack", async () => {
    function failingCallback(): never {
      throw new RangeError("out of range in TS");
    }
    const seen = await py.call<Record<string, string>>(`${fixtures}.call_and_catch`, [failingCallback]);
    expect(seen.type).toBe("CallbackError");
    expect(seen.name).toBe("RangeError");
    expect(seen.message).toBe("out of range in TS");
    expect(seen.stack).toContain("failingCallback");
  });

  test("uncaught in Python, it comes back as PythonError whose cause is the TS error", async () => {
    function throwsInTs(value: number): never {
      throw new TypeError(`bad value ${value}`);
    }
    const failure = await py.call(`${fixtures}.call_through`, [throwsInTs, 7]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PythonError);
    const error = failure as PythonError;
    expect(error.pythonType).toBe("CallbackError");
    expect(error.traceback).toContain("call_through"); // the Python side
    const cause = error.cause as Error;
    expect(cause.name).toBe("TypeError");
    expect(cause.message).toBe("bad value 7");
    expect(cause.stack).toContain("throwsInTs"); // the TypeScript side
  });

  test("re-entrant: a TS callback calls Python on the same worker (one worker) without deadlock", async () => {
    const result = await py.call(`${fixtures}.twice`, [async (x: number) => py.call<number>("math.sqrt", [x]), 16]);
    expect(result).toBe(2);
    const nested = await py.call(`${fixtures}.call_through`, [
      (x: number) => py.call<number>(`${fixtures}.call_through`, [(y: number) => y * 10, x + 1]), 1,
    ]);
    expect(nested).toBe(20);
  });

  test("NDArray arguments and results cross in both directions", async () => {
    const doubled = await py.call<NDArray>(`${fixtures}.call_through`, [
      (array: NDArray) => NDArray.from((array.data as Float64Array).map((value) => value * 2), array.shape),
      NDArray.from(new Float64Array([1, 2, 3])),
    ]);
    expect(Array.from(doubled.data as Float64Array)).toEqual([2, 4, 6]);
  });

  test("a callback held by a Python object works after the call, and fails clearly once the object is released", async () => {
    const seen: number[] = [];
    const holder = await py.create<{ fire(value: number): Promise<number> }>(`${fixtures}.Holder`, [(value: number) => { seen.push(value); return value + 100; }]);
    expect(await holder.fire(1)).toBe(101);
    expect(await py.call(`${fixtures}.fire_hooks`, [2])).toEqual([102]);
    await (holder as unknown as AsyncDisposable)[Symbol.asyncDispose]();
    const failure = await py.call(`${fixtures}.fire_hooks`, [3]).catch((error: unknown) => error);
    await py.call(`${fixtures}.clear_hooks`);
    expect(failure).toBeInstanceOf(PythonError);
    expect((failure as PythonError).pythonType).toBe("CallbackReleasedError");
    expect((failure as PythonError).message).toMatch(/released together with the Python object that held it/);
    expect(seen).toEqual([1, 2]);
  });

  test("tools: exposed TS functions are importable in Python; others are not", async () => {
    const withdraw = py.expose("add_tax", (amount: number) => amount * 1.2, {
      validate: (args) => {
        if (typeof args[0] !== "number") throw new TypeError(`add_tax takes a number, got ${typeof args[0]}`);
      },
    });
    try {
      expect(await py.call(`${fixtures}.use_tool`, ["add_tax", 10])).toBeCloseTo(12, 12);
      const refused = await py.call(`${fixtures}.use_tool`, ["add_tax", "ten"]).catch((error: unknown) => error);
      expect((refused as PythonError).cause).toMatchObject({ name: "TypeError", message: "add_tax takes a number, got string" });
      const unknown = await py.call(`${fixtures}.use_tool`, ["read_file", "/etc/passwd"]).catch((error: unknown) => error);
      expect(unknown).toBeInstanceOf(PythonError);
      expect((unknown as PythonError).message).toMatch(/no TypeScript tool named "read_file" is exposed \(exposed: add_tax\)/);
    } finally {
      withdraw();
    }
  });
});
