import { ContainerModule, type ContainerModuleLoadOptions } from "inversify";
import { transportId } from "../di/tokens.js";
import { InMemoryTransport, type InMemoryHandler, type InMemoryTransportOptions } from "./in-memory-transport.js";

/**
 * Binds an InMemoryTransport as the Transport: swap it for the gRPC module in
 * tests and nothing else changes.
 *
 * @example
 * container.load(CoreContainerModule.fromOptions(), InMemoryTransportContainerModule.fromOptions({ handlers: { "math.sqrt": Math.sqrt } }));
 */
export class InMemoryTransportContainerModule extends ContainerModule {
  private constructor(load: (options: ContainerModuleLoadOptions) => void) {
    super(load);
  }

  static fromOptions(options: { readonly handlers?: Readonly<Record<string, InMemoryHandler>>; readonly transport?: InMemoryTransport } & InMemoryTransportOptions): InMemoryTransportContainerModule {
    return new InMemoryTransportContainerModule(({ bind }) => {
      bind(transportId).toResolvedValue(() => options.transport ?? new InMemoryTransport(options.handlers ?? {}, options)).inSingletonScope();
    });
  }
}
