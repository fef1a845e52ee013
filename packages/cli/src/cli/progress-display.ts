import type { ProgressEvent } from "@snakepit/core";

/** Writes progress of long steps to stderr, so stdout stays clean for `--json` and pipes. */
export interface ProgressDisplay {
  /** A step of our own ("introspecting sklearn (2/3)"). */
  step(message: string): void;
  /** An environment manager's event (resolving, downloading, installing…). */
  environment(event: ProgressEvent): void;
  /** Clears a live line before other output; call when the long step ends. */
  done(): void;
}

const frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/**
 * On a terminal: one line rewritten in place with a spinner. Elsewhere (CI
 * logs, files): one line per phase change, so logs stay readable. Quiet: nothing.
 */
export function createProgressDisplay(stream: NodeJS.WriteStream | { write(text: string): unknown; isTTY?: boolean }, options: { readonly quiet?: boolean } = {}): ProgressDisplay {
  if (options.quiet) return { step: () => undefined, environment: () => undefined, done: () => undefined };
  const live = Boolean(stream.isTTY);
  let frame = 0;
  let lastLine = "";
  let shown = false;
  const show = (line: string) => {
    if (line === lastLine) return;
    lastLine = line;
    if (live) {
      const columns = (stream as NodeJS.WriteStream).columns ?? 100;
      stream.write(`\r\x1b[2K${frames[frame++ % frames.length]} ${line.slice(0, columns - 3)}`);
      shown = true;
    } else stream.write(`${line}\n`);
  };
  let lastPhase = "";
  return {
    step: (message) => show(message),
    environment: (event) => {
      // Without a terminal, print phase changes only: "downloading" can fire hundreds of times.
      if (!live && event.phase === lastPhase && event.phase !== "info") return;
      lastPhase = event.phase;
      show(`[${event.manager}] ${event.phase}: ${event.message}`);
    },
    done: () => {
      if (live && shown) stream.write("\r\x1b[2K");
      shown = false;
      lastLine = "";
    },
  };
}
