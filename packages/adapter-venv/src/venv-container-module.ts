import { environmentManagerId } from "@snakepit/core";
import { ContainerModule, type ContainerModuleLoadOptions } from "inversify";
import { VenvEnvironmentManager } from "./venv-environment-manager.js";
import type { VenvEnvironmentManagerOptions } from "./venv-options.js";

/**
 * Binds a VenvEnvironmentManager as the EnvironmentManager.
 *
 * @example
 * container.load(VenvEnvironmentContainerModule.fromOptions({ python: "/usr/bin/python3.11" }));
 */
export class VenvEnvironmentContainerModule extends ContainerModule {
  private constructor(load: (options: ContainerModuleLoadOptions) => void) {
    super(load);
  }

  static fromOptions(options: VenvEnvironmentManagerOptions = {}): VenvEnvironmentContainerModule {
    return new VenvEnvironmentContainerModule(({ bind }) => {
      bind(environmentManagerId).toResolvedValue(() => new VenvEnvironmentManager(options)).inSingletonScope();
    });
  }
}
