import { ConfigError } from "@snakepit/core";

/**
 * TLS to a worker on another machine (`serve --listen … --tls-cert …`). PEM
 * contents, not paths: the composition root reads the files (or a Secret).
 *
 * @example
 * createGrpcTransport({ id: "gpu-1", address: "10.0.0.5:50051", token, tls: { ca: readFileSync("ca.pem"), cert, key } });
 */
export interface EndpointTls {
  /** CA bundle that signed the worker's certificate. Default: the system's roots. */
  readonly ca?: string | Uint8Array | undefined;
  /** Client certificate chain, for a worker started with --tls-client-ca (mutual TLS); needs `key`. */
  readonly cert?: string | Uint8Array | undefined;
  /** Private key of `cert`. */
  readonly key?: string | Uint8Array | undefined;
  /** Name to verify the worker's certificate against (and send as SNI), when it differs from the address's host. */
  readonly serverName?: string | undefined;
}

/** The parts as Buffers (what both client libraries take), after checking that they fit together. */
export function tlsMaterial(tls: EndpointTls, endpoint: string): { ca?: Buffer; cert?: Buffer; key?: Buffer } {
  if (Boolean(tls.cert) !== Boolean(tls.key)) {
    throw new ConfigError(`The TLS options of worker ${endpoint} have a client ${tls.cert ? "certificate without its key" : "key without its certificate"}; mutual TLS needs both cert and key (PEM).`);
  }
  const buffer = (value: string | Uint8Array | undefined, what: string): Buffer | undefined => {
    if (value === undefined) return undefined;
    const bytes = Buffer.from(value);
    if (!bytes.includes("-----BEGIN")) throw new ConfigError(`The TLS ${what} for worker ${endpoint} is not PEM (no "-----BEGIN" line); pass the file's contents, not its path.`);
    return bytes;
  };
  const ca = buffer(tls.ca, "ca");
  const cert = buffer(tls.cert, "cert");
  const key = buffer(tls.key, "key");
  return { ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
}

/**
 * What to check when a TLS connection could not be made: gRPC reports a
 * failed handshake as UNAVAILABLE, like a worker that is not running, and
 * the details often only say "Failed to connect".
 */
export function tlsFailureHint(details: string): string {
  // Nothing listening, or no route: the handshake never started.
  if (/ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|ECONNRESET/.test(details)) return details;
  if (/certificate|ssl|tls|handshake|alert|self.signed|verify/i.test(details)) {
    return `${details} — the TLS handshake failed: check that tls.ca signed the worker's certificate and that the certificate names this host (or set tls.serverName)`;
  }
  return `${details} — over TLS this is also what a refused handshake looks like: if the worker is running, check that tls.ca signed its certificate and, when it requires client certificates (--tls-client-ca), that tls.cert and tls.key are given and signed by that CA`;
}
