import { type Catalog, type Introspector } from "@snakepit/core";
import { snakepitVersion } from "../cli/version.js";
import { catalogHash } from "../lock/catalog-hash.js";
import { catalogLockVersion, type CatalogLock } from "../lock/catalog-lock.js";
import { CatalogValidationError } from "./catalog-validation-error.js";
import { validateCatalog, type ValidateOptions } from "./validate-catalog.js";

/** A lock ready to write, and what the user should review. */
export interface LockedCatalog {
  readonly lock: CatalogLock;
  readonly warnings: readonly string[];
}

/**
 * Validates the catalog against the installed libraries and returns the lock
 * to write. Throws a `CatalogValidationError` (a `CatalogError`) listing every problem; on failure nothing
 * should be written or generated.
 *
 * @example
 * const { lock } = await lockCatalog(config.libraries, py, { python: "3.11.9" });
 * await writeLockFile(projectDir, lock);
 */
export async function lockCatalog(catalog: Catalog, introspector: Introspector, options: ValidateOptions & { readonly python?: string } = {}): Promise<LockedCatalog> {
  const validation = await validateCatalog(catalog, introspector, options);
  if (validation.problems.length) {
    const count = validation.problems.length;
    throw new CatalogValidationError(
      `The catalog does not match the installed libraries (${count} problem${count === 1 ? "" : "s"}); nothing was written or generated. Fix snakepit.config.ts and run \`snakepit sync\` again:`,
      validation.problems,
    );
  }
  const lock: CatalogLock = {
    version: catalogLockVersion,
    generator: `snakepit ${snakepitVersion}`,
    catalogHash: catalogHash(catalog),
    ...(options.python ? { python: options.python } : {}),
    libraries: validation.libraries,
  };
  return { lock, warnings: validation.warnings };
}
