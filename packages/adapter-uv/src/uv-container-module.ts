import { environmentManagerId } from "@snakepit/core";
import { ContainerModule, type ContainerModuleLoadOptions } from "inversify";
import type { UvEnvironmentManagerOptions } from "./uv-options.js";
import { UvEnvironmentManager } from "./uv-environment-manager.js";

/**
 * Binds a UvEnvironmentManager as the EnvironmentManager.
 *
 * @example
 * container.load(UvEnvironmentContainerModule.fromOptions({ cacheDir: "/ci/uv-cache" }));
 * const manager = container.get(environmentManagerId);
 */
export class UvEnvironmentContainerModule extends ContainerModule {
  private constructor(load: (options: ContainerModuleLoadOptions) => void) {
    super(load);
  }

  static fromOptions(options: UvEnvironmentManagerOptions = {}): UvEnvironmentContainerModule {
    return new UvEnvironmentContainerModule(({ bind }) => {
      bind(environmentManagerId).toResolvedValue(() => new UvEnvironmentManager(options)).inSingletonScope();
    });
  }
}
