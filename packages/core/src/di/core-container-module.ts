import { ContainerModule, type ContainerModuleLoadOptions } from "inversify";
import type { Catalog } from "../config/catalog-types.js";
import { Snakepit } from "../facade/snakepit.js";
import type { Cache } from "../ports/cache.js";
import type { Introspector } from "../ports/introspector.js";
import type { Transport } from "../ports/transport.js";
import { cacheId, introspectorId, snakepitId, transportId } from "./tokens.js";

export interface CoreContainerModuleOptions {
  readonly catalog?: Catalog;
  readonly defaultTimeoutMs?: number;
  readonly maxBatchSize?: number;
  /** Batch calls issued in the same tick automatically. */
  readonly coalesce?: boolean;
}

/**
 * Binds the `Snakepit` facade over whatever Transport (and optional Cache and
 * Introspector) other modules bind. Load it with one adapter module per port.
 *
 * @example
 * const container = new Container();
 * container.load(CoreContainerModule.fromOptions({}), InMemoryTransportContainerModule.fromOptions({ handlers }));
 * const py = container.get(snakepitId);
 */
export class CoreContainerModule extends ContainerModule {
  private constructor(load: (options: ContainerModuleLoadOptions) => void) {
    super(load);
  }

  static fromOptions(options: CoreContainerModuleOptions = {}): CoreContainerModule {
    return new CoreContainerModule(({ bind }) => {
      bind(snakepitId)
        .toResolvedValue(
          (transport: Transport, cache: Cache | undefined, introspector: Introspector | undefined) =>
            new Snakepit({ transport, ...(cache ? { cache } : {}), ...(introspector ? { introspector } : {}), ...options }),
          [transportId, { serviceIdentifier: cacheId, optional: true }, { serviceIdentifier: introspectorId, optional: true }],
        )
        .inSingletonScope();
    });
  }
}
