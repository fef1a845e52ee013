import { CatalogError, NotFoundError, type CatalogGenerationRequest, type ModuleDescription } from "@snakepit/core";
import { signalOption } from "./abort.js";

/**
 * Describes the library's top-level module with its members. A module that
 * does not import becomes a CatalogError that says to install the package,
 * rather than a bare NotFoundError about a dotted path.
 */
export async function describeLibraryModule(request: CatalogGenerationRequest): Promise<ModuleDescription> {
  const { introspector, module, packageName, signal } = request;
  let description;
  try {
    description = await introspector.describe(module, { members: true, ...signalOption(signal) });
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    throw new CatalogError(
      `Cannot draft a catalog entry for ${packageName}: its module "${module}" does not import in this environment. Install ${packageName} first (snakepit add installs it), or check that "${module}" is the module it provides.`,
      [error.message],
      { cause: error },
    );
  }
  if (description.kind !== "module") {
    throw new CatalogError(`Cannot draft a catalog entry for ${packageName}: "${module}" is a ${description.kind}, not a module. Pass the importable top-level module of the package.`);
  }
  return description;
}
