import { ContainerModule, type ContainerModuleLoadOptions } from "inversify";
import { introspectorId, transportId } from "@snakepit/core";
import type { WorkerPoolOptions } from "./pool-options.js";
import { TransportIntrospector } from "./transport-introspector.js";
import { PythonWorkerPool } from "./worker-pool.js";

/**
 * Binds a started PythonWorkerPool as the Transport and an introspector over
 * it. Resolve with `container.getAsync(snakepitId)`: starting workers is async.
 */
export class PortPythonContainerModule extends ContainerModule {
  private constructor(load: (options: ContainerModuleLoadOptions) => void) {
    super(load);
  }

  static fromOptions(options: WorkerPoolOptions): PortPythonContainerModule {
    return new PortPythonContainerModule(({ bind }) => {
      bind(transportId).toResolvedValue(() => PythonWorkerPool.start(options)).inSingletonScope();
      bind(introspectorId).toResolvedValue((transport) => new TransportIntrospector(transport), [transportId]).inSingletonScope();
    });
  }
}
