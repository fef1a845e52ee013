import { ConfigError } from "@snakepit/core";
import type { EndpointTlsOptions, TransportFactory } from "./worker-endpoint.js";

/** One standalone worker (`python -m snakepit_bridge serve --listen host:port …`). */
export interface RemoteEndpoint {
  /** "host:port" the worker listens on. */
  readonly address: string;
  /** Name in errors, events and health; default the address. */
  readonly name?: string;
  /** This worker's token, when it differs from the fleet's. */
  readonly token?: string;
  /** This worker's TLS, when it differs from the fleet's. */
  readonly tls?: EndpointTlsOptions;
}

/** How the fleet reaches, schedules and watches its workers. */
export interface RemoteFleetOptions {
  readonly endpoints: readonly RemoteEndpoint[];
  /** Builds the transport to each endpoint (e.g. createGrpcTransport). */
  readonly transportFactory: TransportFactory;
  /** Token of every endpoint (the worker's --token-file). */
  readonly token?: string;
  /** TLS of every endpoint; strongly advised off loopback. */
  readonly tls?: EndpointTlsOptions;
  /** Calls one endpoint runs at once before the fleet queues. Default 32. */
  readonly capacity?: number;
  /** Calls allowed to wait for an endpoint; past it calls fail with SaturatedError. Default 10,000. */
  readonly maxQueue?: number;
  /** Period of the Health RPC to every endpoint in rotation. Default 2 s. */
  readonly healthIntervalMs?: number;
  /** Deadline of one health check; two missed in a row take the endpoint out. Default 5 s. */
  readonly healthTimeoutMs?: number;
  /** First delay before probing an endpoint out of rotation; doubles up to `maxProbeDelayMs`. Default 200 ms. */
  readonly probeDelayMs?: number;
  /** Longest delay between probes. Default 5 s. */
  readonly maxProbeDelayMs?: number;
  /**
   * Finds the endpoints again every `discoverIntervalMs` (e.g. resolving a
   * Kubernetes headless Service): new ones join, vanished ones leave. With
   * it, `endpoints` may be empty (the first answer is used).
   */
  readonly discover?: () => Promise<readonly RemoteEndpoint[]>;
  /** Period of `discover`. Default 10 s. */
  readonly discoverIntervalMs?: number;
  /** Receives rotation changes. */
  readonly onEvent?: (event: FleetEvent) => void;
}

export type FleetEvent =
  | { readonly type: "endpoint-up"; readonly endpoint: string; readonly address: string; readonly pid?: number | undefined; readonly restarted: boolean }
  | { readonly type: "endpoint-down"; readonly endpoint: string; readonly address: string; readonly reason: string }
  | { readonly type: "endpoint-removed"; readonly endpoint: string; readonly address: string };

export type ResolvedFleetOptions = Required<Omit<RemoteFleetOptions, "token" | "tls" | "onEvent" | "discover">> & Pick<RemoteFleetOptions, "token" | "tls" | "onEvent" | "discover">;

/** Defaults filled in, and the mistakes that would otherwise show up as odd connection errors refused now. */
export function resolveFleetOptions(options: RemoteFleetOptions): ResolvedFleetOptions {
  if (options.endpoints.length === 0 && !options.discover) throw new ConfigError("A remote worker fleet needs at least one endpoint: list the host:port of each `python -m snakepit_bridge serve --listen` worker.");
  const names = new Set<string>();
  for (const endpoint of options.endpoints) {
    if (!/^(\[[^\]]+\]|[^:/\s]+):\d{1,5}$/.test(endpoint.address)) throw new ConfigError(`Remote worker address "${endpoint.address}" is not host:port (for example "10.0.0.5:50051" or "snakepit-workers.default.svc:50051").`);
    const name = endpoint.name ?? endpoint.address;
    if (names.has(name)) throw new ConfigError(`Remote worker "${name}" is listed twice; give each endpoint its own address or name.`);
    names.add(name);
  }
  return { capacity: 32, maxQueue: 10_000, healthIntervalMs: 2_000, healthTimeoutMs: 5_000, probeDelayMs: 200, maxProbeDelayMs: 5_000, discoverIntervalMs: 10_000, ...options };
}
