import type { Description } from "../model/description.js";

/**
 * Describes Python objects by dotted path: signature, parameter kinds and
 * defaults, annotations, docstring, distribution version. Catalog validation,
 * code generation and the catalog generators read it; the default
 * implementation asks a worker over the transport.
 */
export interface Introspector {
  /** Describes the object at `target`; rejects with `NotFoundError` if it does not resolve. */
  describe(target: string, options?: { readonly members?: boolean; readonly signal?: AbortSignal }): Promise<Description>;
}
