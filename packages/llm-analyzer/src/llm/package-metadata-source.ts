/**
 * What an installed distribution says about itself, from `importlib.metadata`
 * and the files it ships. The model reads this instead of the web: it
 * describes the version that is installed, and nothing leaves the machine
 * but what is sent to the configured endpoint.
 */
export interface PackageMetadata {
  /** Distribution name ("scikit-learn"). */
  readonly name: string;
  readonly version?: string;
  /** The one-line `Summary` field. */
  readonly summary?: string;
  /** The long description (usually the README), as shipped in the wheel. */
  readonly readme?: string;
  /** Type stubs (`.pyi`) shipped with the package or a `types-` companion, by module path. */
  readonly stubs?: Readonly<Record<string, string>>;
}

/**
 * Reads package metadata for the LLM generator. The CLI implements it with a
 * worker call to `importlib.metadata`; tests pass a fixed object.
 */
export interface PackageMetadataSource {
  /** The metadata of an installed distribution; undefined when it is not installed or says nothing. */
  read(packageName: string, options?: { readonly signal?: AbortSignal }): Promise<PackageMetadata | undefined>;
}

/**
 * A PackageMetadataSource over fixed metadata, by distribution name.
 *
 * @example
 * new StaticPackageMetadataSource([{ name: "scikit-learn", version: "1.5.2", summary: "A set of python modules for machine learning and data mining" }]);
 */
export class StaticPackageMetadataSource implements PackageMetadataSource {
  readonly #byName: ReadonlyMap<string, PackageMetadata>;

  constructor(metadata: readonly PackageMetadata[]) {
    this.#byName = new Map(metadata.map((entry) => [normalizedName(entry.name), entry]));
  }

  async read(packageName: string): Promise<PackageMetadata | undefined> {
    return this.#byName.get(normalizedName(packageName));
  }
}

/** PEP 503 normalization: "Scikit_Learn" and "scikit-learn" are the same distribution. */
function normalizedName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}
