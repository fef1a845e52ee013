import { progressParser } from "@snakepit/adapter-kit";

/**
 * Turns one line of uv's stderr into a progress event, or undefined for
 * lines that say nothing a progress display needs (warnings, "+ six==1.17").
 * uv prints its summary lines without a progress bar when stderr is not a
 * terminal, which is how it runs here.
 *
 * @example
 * uvProgressEvent("Resolved 3 packages in 130ms") // { manager: "uv", phase: "resolving", message: "Resolved 3 packages in 130ms" }
 */
export const uvProgressEvent = progressParser("uv", [
  [/^Resolved \d+ packages?/, "resolving"],
  [/^(Downloading|Downloaded|Prepared|Building|Built) /, "downloading"],
  [/^(Installed|Uninstalled|Audited) \d+ packages?/, "installing"],
  [/^Creating virtual environment/, "creating"],
  [/^Using (CPython|PyPy|Python)/, "info"],
]);
