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
}

/**
 * Builds a Transport to one worker. The pool does not know the wire; the
 * composition root hands it, for example, `createGrpcTransport` from
 * @snakepit/transport-grpc.
 */
export type TransportFactory = (endpoint: WorkerEndpoint) => Transport;
