import type { ServiceIdentifier } from "inversify";
import type { SnakepitConfig } from "../config/define-config.js";
import type { Snakepit } from "../facade/snakepit.js";
import type { Cache } from "../ports/cache.js";
import type { CatalogGenerator } from "../ports/catalog-generator.js";
import type { EnvironmentManager } from "../ports/environment-manager.js";
import type { Introspector } from "../ports/introspector.js";
import type { Transport } from "../ports/transport.js";

/*
 * Service identifiers. `Symbol.for` makes them shared across copies of this
 * package; the cast keeps the type, so `container.get(transportId)` is a
 * Transport rather than unknown.
 */
export const transportId = Symbol.for("@snakepit/core/Transport") as ServiceIdentifier<Transport>;
export const cacheId = Symbol.for("@snakepit/core/Cache") as ServiceIdentifier<Cache>;
export const environmentManagerId = Symbol.for("@snakepit/core/EnvironmentManager") as ServiceIdentifier<EnvironmentManager>;
export const introspectorId = Symbol.for("@snakepit/core/Introspector") as ServiceIdentifier<Introspector>;
export const catalogGeneratorId = Symbol.for("@snakepit/core/CatalogGenerator") as ServiceIdentifier<CatalogGenerator>;
export const configId = Symbol.for("@snakepit/core/Config") as ServiceIdentifier<SnakepitConfig>;
export const snakepitId = Symbol.for("@snakepit/core/Snakepit") as ServiceIdentifier<Snakepit>;
