import { environmentManagerId } from "@snakepit/core";
import { ContainerModule, type ContainerModuleLoadOptions } from "inversify";
import { PoetryEnvironmentManager } from "./poetry-environment-manager.js";
import type { PoetryEnvironmentManagerOptions } from "./poetry-options.js";

/**
 * Binds a PoetryEnvironmentManager as the EnvironmentManager.
 *
 * @example
 * container.load(PoetryEnvironmentContainerModule.fromOptions({ toolsDir: "/ci/tools" }));
 */
export class PoetryEnvironmentContainerModule extends ContainerModule {
  private constructor(load: (options: ContainerModuleLoadOptions) => void) {
    super(load);
  }

  static fromOptions(options: PoetryEnvironmentManagerOptions = {}): PoetryEnvironmentContainerModule {
    return new PoetryEnvironmentContainerModule(({ bind }) => {
      bind(environmentManagerId).toResolvedValue(() => new PoetryEnvironmentManager(options)).inSingletonScope();
    });
  }
}
