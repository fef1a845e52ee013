#!/usr/bin/env node
import { ExitCode } from "./cli/exit-codes.js";
import { main } from "./cli/main.js";

/**
 * The `snakepit` executable. Ctrl-C aborts the running command (workers are
 * closed by the command's cleanup); a second Ctrl-C exits at once.
 */
const controller = new AbortController();
process.once("SIGINT", () => {
  controller.abort(new Error("interrupted"));
  process.once("SIGINT", () => process.exit(ExitCode.interrupted));
});
process.exitCode = await main(process.argv.slice(2), { signal: controller.signal });
if (controller.signal.aborted) process.exitCode = ExitCode.interrupted;
