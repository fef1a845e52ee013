import { createProgressDisplay, type ProgressDisplay } from "./progress-display.js";

/** Where a command's output goes. Injected, so tests capture it and `--json` can silence prose. */
export interface OutputStreams {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean };
}

/**
 * Human output on stdout, warnings and progress on stderr; with `--json`,
 * stdout carries exactly one JSON document (the command's result or error)
 * and prose is suppressed, so scripts can `JSON.parse` it.
 */
export class Output {
  readonly progress: ProgressDisplay;

  constructor(private readonly streams: OutputStreams, readonly json: boolean, quiet = false) {
    this.progress = createProgressDisplay(streams.stderr, { quiet });
  }

  /** A line for people; dropped under --json. */
  say(text: string): void {
    if (!this.json) this.streams.stdout.write(`${text}\n`);
  }

  /** A warning; always on stderr. */
  warn(text: string): void {
    this.progress.done();
    this.streams.stderr.write(`warning: ${text}\n`);
  }

  /** The error a command failed with. */
  error(text: string): void {
    this.progress.done();
    this.streams.stderr.write(`error: ${text}\n`);
  }

  /** The machine-readable document; written only under --json. */
  document(value: unknown): void {
    if (this.json) this.streams.stdout.write(`${JSON.stringify(value, jsonReplacer, 2)}\n`);
  }
}

/** JSON for values Python returns: bigint as string, typed arrays as arrays, Maps as objects. */
export function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number | bigint>, (item) => (typeof item === "bigint" ? item.toString() : item));
  if (value instanceof Map) return Object.fromEntries([...value.entries()].map(([key, item]) => [String(key), item]));
  if (value instanceof Set) return [...value];
  return value;
}
