import { registerHooks } from "node:module";

let registered = false;

/**
 * Lets a configuration file import "@snakepit/core" even when the user's
 * project does not list it: if normal resolution from the config's folder
 * fails, the copy this CLI runs with is used. Without it `npx snakepit` in a
 * fresh folder would fail on the config's first line.
 */
export function resolveCoreFromThisPackage(): void {
  if (registered) return;
  registered = true;
  registerHooks({
    resolve(specifier, context, nextResolve) {
      try {
        return nextResolve(specifier, context);
      } catch (error) {
        if (specifier !== "@snakepit/core" && !specifier.startsWith("@snakepit/core/")) throw error;
        return { url: import.meta.resolve(specifier), shortCircuit: true };
      }
    },
  });
}
