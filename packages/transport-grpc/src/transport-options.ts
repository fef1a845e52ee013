import type { EndpointTls } from "./wire/endpoint-tls.js";

/**
 * Where a worker listens and how to reach it. The shape matches
 * port-python's WorkerEndpoint, so `createGrpcTransport` is a TransportFactory
 * as it is.
 */
export interface GrpcEndpoint {
  /** Endpoint (worker) id; stamped as `owner` on every RemoteRef this transport returns. */
  readonly id: string;
  /** "unix:/path/w.sock", "unix:///path/w.sock", a bare absolute socket path, or "host:port". */
  readonly address: string;
  /** Secret sent as "x-snakepit-token" metadata on every RPC; omit when the worker has none. */
  readonly token?: string | undefined;
  /**
   * The worker's fast-lane socket ("unix:/path/w1.frames.sock", its ready
   * line's `frame_address`), when it has one; `createGrpcTransport` then picks
   * the FramedSocketTransport.
   */
  readonly frameAddress?: string | undefined;
  /** TLS (and mutual TLS) to a worker on another machine; omit for a plain-text connection. */
  readonly tls?: EndpointTls | undefined;
  /**
   * The worker is on another machine: never use the /dev/shm fast path
   * (ext 10/11) with it, even where this process enabled it. Implied by `tls`.
   */
  readonly remote?: boolean | undefined;
  /**
   * Told how long the worker ran calls, µs per call of a path, from the run
   * time its Session frames report (session/run-time-report.ts). The pool
   * learns from it which paths are cheap enough to pack onto one worker.
   */
  readonly onRunTime?: ((target: string, microsPerCall: number) => void) | undefined;
}

/** Options shared by both implementations. */
export interface GrpcTransportOptions extends GrpcEndpoint {
  /** Deadline of `health()` when the caller passes no signal, so a hung worker cannot hang a health check. Default 5000. */
  readonly healthTimeoutMs?: number;
  /**
   * When an answer is due within microseconds (a lone call or batch just left and
   * replies have lately come back that fast, or a callback's answer just left
   * for a Python loop), the event loop keeps polling this long (µs) instead of
   * sleeping (session/awake-window.ts). 0 turns it off. Default 300. The
   * worker's side (after answering a lone call, and while it waits for a
   * callback's answer) is `SNAKEPIT_SPIN_US`.
   */
  readonly spinMicros?: number;
}
