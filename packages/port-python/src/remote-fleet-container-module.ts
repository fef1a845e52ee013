import { ContainerModule, type ContainerModuleLoadOptions } from "inversify";
import { introspectorId, transportId } from "@snakepit/core";
import type { RemoteFleetOptions } from "./remote-fleet-options.js";
import { RemoteWorkerFleet } from "./remote-worker-fleet.js";
import { TransportIntrospector } from "./transport-introspector.js";

/**
 * Binds a started RemoteWorkerFleet (workers on other machines) as the
 * Transport, and an introspector over it. Resolve with
 * `container.getAsync(snakepitId)`: connecting is async.
 *
 * @example
 * container.load(CoreContainerModule.fromOptions(), RemoteFleetContainerModule.fromOptions({ endpoints, token, tls, transportFactory: createGrpcTransport }));
 */
export class RemoteFleetContainerModule extends ContainerModule {
  private constructor(load: (options: ContainerModuleLoadOptions) => void) {
    super(load);
  }

  static fromOptions(options: RemoteFleetOptions): RemoteFleetContainerModule {
    return new RemoteFleetContainerModule(({ bind }) => {
      bind(transportId).toResolvedValue(() => RemoteWorkerFleet.start(options)).inSingletonScope();
      bind(introspectorId).toResolvedValue((transport) => new TransportIntrospector(transport), [transportId]).inSingletonScope();
    });
  }
}
