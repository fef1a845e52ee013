import { transportId } from "@snakepit/core";
import { ContainerModule, type ContainerModuleLoadOptions } from "inversify";
import { createGrpcTransport, type GrpcImplementation } from "../create-grpc-transport.js";
import type { GrpcEndpoint } from "../transport-options.js";

export interface GrpcTransportContainerModuleOptions {
  /** The worker to talk to. */
  readonly endpoint: GrpcEndpoint;
  /** Defaults to "framed" when the endpoint has a frameAddress, else "grpc-js". */
  readonly implementation?: GrpcImplementation;
  /** Deadline of health checks made without a signal; default 5000 ms. */
  readonly healthTimeoutMs?: number;
}

/**
 * Binds a gRPC Transport to one already running worker as core's Transport.
 * For a supervised pool of workers, bind port-python's module instead and
 * give it `createGrpcTransport` as its TransportFactory.
 *
 * @example
 * container.load(CoreContainerModule.fromOptions(), GrpcTransportContainerModule.fromOptions({ endpoint: { id: "w1", address: "unix:/tmp/w1.sock" } }));
 */
export class GrpcTransportContainerModule extends ContainerModule {
  private constructor(load: (options: ContainerModuleLoadOptions) => void) {
    super(load);
  }

  static fromOptions(options: GrpcTransportContainerModuleOptions): GrpcTransportContainerModule {
    return new GrpcTransportContainerModule(({ bind }) => {
      bind(transportId)
        .toResolvedValue(() => createGrpcTransport({ ...options.endpoint, implementation: options.implementation, healthTimeoutMs: options.healthTimeoutMs }))
        .inSingletonScope();
    });
  }
}
