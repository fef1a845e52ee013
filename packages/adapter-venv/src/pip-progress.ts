import { progressParser } from "@snakepit/adapter-kit";

/**
 * Turns one line of pip's output into a progress event, or undefined for
 * lines a progress display does not need.
 *
 * @example
 * pipProgressEvent("Collecting six==1.16.0") // { manager: "venv", phase: "resolving", message: "Collecting six==1.16.0" }
 */
export const pipProgressEvent = progressParser("venv", [
  [/^(Collecting|Obtaining|Looking in indexes|Would install) /, "resolving"],
  [/^(Downloading|Using cached|Building|Preparing|Getting requirements) /, "downloading"],
  [/^(Installing collected packages|Successfully installed)/, "installing"],
]);
