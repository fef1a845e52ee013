import { NDArray, RemoteObject } from "@snakepit/core";
import type { Command } from "../cli/command.js";
import { UsageError } from "../cli/cli-errors.js";
import { jsonReplacer } from "../cli/output.js";
import { configOrEmpty } from "../cli/project-config.js";

/** `snakepit call <path> [json args] [--kwargs json]`: one Python call from the shell. */
export const callCommand: Command = {
  name: "call",
  summary: "call a Python function once and print the result",
  usage: "snakepit call <dotted.path> ['[positional, args]'] [--kwargs '{\"name\": value}']\n\nArguments are one JSON array; keyword arguments one JSON object.\nExample: snakepit call numpy.mean '[[1, 2, 3]]'   → 2",
  options: { kwargs: { type: "string" } },
  async run(context) {
    const [path, argsText, ...extra] = context.positionals;
    if (!path) throw new UsageError("call needs a dotted path: `snakepit call math.sqrt '[16]'`.");
    if (extra.length) throw new UsageError(`call takes the positional arguments as one JSON array, e.g. '[1, 2]'; got ${extra.length + 1} separate values.`);
    const args = parseJson(argsText ?? "[]", "the arguments");
    if (!Array.isArray(args)) throw new UsageError(`The arguments must be a JSON array of positional arguments, e.g. '[[1, 2, 3]]' for one list; got ${argsText}.`);
    const kwargs = parseJson(typeof context.options.kwargs === "string" ? context.options.kwargs : "{}", "--kwargs");
    if (kwargs === null || typeof kwargs !== "object" || Array.isArray(kwargs)) throw new UsageError("--kwargs must be a JSON object, e.g. '{\"axis\": 0}'.");
    const { config } = await configOrEmpty(context);
    context.output.progress.step("starting Python");
    const running = await context.runtime.start({ config, projectDir: context.projectDir, onProgress: (event) => context.output.progress.environment(event) });
    try {
      context.output.progress.step(`calling ${path}`);
      const result = await running.snakepit.call(path, args, kwargs as Record<string, unknown>, { signal: context.signal });
      context.output.progress.done();
      const printable = await printableResult(result);
      context.output.say(typeof printable === "string" ? printable : JSON.stringify(printable, jsonReplacer, 2));
      return printable;
    } finally {
      context.output.progress.done();
      await running.snakepit.close();
    }
  },
};

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${what} is not valid JSON (${(error as Error).message}): ${text}. Quote it for the shell, e.g. '[1, "a"]'.`);
  }
}

/** Plain data for printing: arrays stay arrays; a remote object is named and released (it cannot outlive the process). */
async function printableResult(result: unknown): Promise<unknown> {
  if (result instanceof NDArray) return { dtype: result.dtype, shape: result.shape, data: Array.from(result.data as ArrayLike<number | bigint>) };
  if (result instanceof RemoteObject) {
    const name = String(result);
    await result.dispose();
    return name;
  }
  return result ?? null;
}
