import type { Transport } from "@snakepit/core";

/** Where a started worker listens, and the secret every RPC to it must carry. */
export interface WorkerEndpoint {
  /** Stable id of the worker ("w1", "w2", …); becomes the owner of the refs it returns. */
  readonly id: string;
  /** "unix:/path/to/socket" or "host:port". */
  readonly address: string;
  /** Per-pool secret, sent as "x-snakepit-token" metadata (and first on the fast lane). */
  readonly token: string;
  /** The worker's fast-lane socket, "unix:/path/w1.frames.sock", for a transport that speaks it. */
  readonly frameAddress?: string;
  /** TLS to a worker on another machine (see EndpointTlsOptions); absent for local workers. */
  readonly tls?: EndpointTlsOptions;
  /** The worker is on another machine: the transport must not use same-host fast paths (/dev/shm). */
  readonly remote?: boolean;
  /**
   * For the transport: tell the pool how long the worker ran calls, µs per
   * call of a path (from the run times the worker reports), so that it can
   * pack calls of cheap paths onto one worker (call-costs.ts). A transport
   * that cannot tell ignores it; the pool then spreads every call by load.
   */
  readonly onRunTime?: (target: string, microsPerCall: number) => void;
}

/**
 * TLS to a remote worker, PEM contents (not paths). The same shape as
 * transport-grpc's EndpointTls, so a TransportFactory passes it through.
 */
export interface EndpointTlsOptions {
  /** CA bundle that signed the worker's certificate. Default: the system's roots. */
  readonly ca?: string | Uint8Array;
  /** Client certificate chain for mutual TLS; needs `key`. */
  readonly cert?: string | Uint8Array;
  /** Private key of `cert`. */
  readonly key?: string | Uint8Array;
  /** Name the worker's certificate is checked against, when it is not the address's host. */
  readonly serverName?: string;
}

/**
 * Builds a Transport to one worker. The pool does not know the wire; the
 * composition root hands it, for example, `createGrpcTransport` from
 * @snakepit/transport-grpc.
 */
export type TransportFactory = (endpoint: WorkerEndpoint) => Transport;
