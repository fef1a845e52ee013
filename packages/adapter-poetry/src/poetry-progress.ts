import { progressParser } from "@snakepit/adapter-kit";

/**
 * Turns one line of Poetry's output into a progress event, or undefined.
 *
 * @example
 * poetryProgressEvent("Package operations: 2 installs, 0 updates, 0 removals") // phase "installing"
 */
export const poetryProgressEvent = progressParser("poetry", [
  [/^(Resolving dependencies|Updating dependencies)/, "resolving"],
  [/^Writing lock file/, "locking"],
  [/^Creating virtualenv/, "creating"],
  [/^- (Downloading|Preparing)/, "downloading"],
  [/^(Package operations:|- Installing|- Updating)/, "installing"],
]);
