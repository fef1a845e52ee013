import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Path of the executable stand-in for conda (see conda-standin.py for the contract it implements). */
export const condaStandin = fileURLToPath(new URL("./conda-standin.py", import.meta.url));

/** The argument lists the stand-in was called with, from its log file. */
export function recordedCalls(logFile: string): string[][] {
  return readFileSync(logFile, "utf8").trim().split("\n").filter(Boolean).map((line) => (JSON.parse(line) as { argv: string[] }).argv);
}
