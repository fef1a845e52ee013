import { createHash } from "node:crypto";
import type { EnvironmentSpec } from "./environment.js";

/**
 * A hash of everything in a spec that changes the environment's contents.
 * Order of packages does not matter; the project folder does not either.
 * Managers combine it with their lock file's hash.
 */
export function specFingerprint(spec: EnvironmentSpec, ...extra: string[]): string {
  const content = JSON.stringify({
    python: spec.python ?? "",
    packages: [...spec.packages].map((item) => item.trim()).sort(),
    local: [...(spec.localPackages ?? [])].map((item) => `${item.path}:${item.editable ?? true}`).sort(),
    bridge: spec.bridge ?? null,
    extra,
  });
  return createHash("sha256").update(content).digest("hex").slice(0, 32);
}
