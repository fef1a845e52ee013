import { environmentManagerId } from "@snakepit/core";
import { ContainerModule, type ContainerModuleLoadOptions } from "inversify";
import { CondaEnvironmentManager } from "./conda-environment-manager.js";
import type { CondaEnvironmentManagerOptions } from "./conda-options.js";

/**
 * Binds a CondaEnvironmentManager as the EnvironmentManager.
 *
 * @example
 * container.load(CondaEnvironmentContainerModule.fromOptions({ channels: ["conda-forge"] }));
 */
export class CondaEnvironmentContainerModule extends ContainerModule {
  private constructor(load: (options: ContainerModuleLoadOptions) => void) {
    super(load);
  }

  static fromOptions(options: CondaEnvironmentManagerOptions = {}): CondaEnvironmentContainerModule {
    return new CondaEnvironmentContainerModule(({ bind }) => {
      bind(environmentManagerId).toResolvedValue(() => new CondaEnvironmentManager(options)).inSingletonScope();
    });
  }
}
