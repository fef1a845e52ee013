import { ConfigError } from "@snakepit/core";

/** An endpoint address split into what the client libraries need. */
export type ParsedAddress =
  | { readonly kind: "unix"; readonly path: string }
  | { readonly kind: "tcp"; readonly host: string; readonly port: number };

/**
 * Accepts the forms a worker may announce: "unix:/p", "unix:///p", "/p"
 * (Unix socket), "host:port" and "[::1]:port" (TCP).
 *
 * @example
 * parseAddress("unix:/tmp/w.sock"); // { kind: "unix", path: "/tmp/w.sock" }
 * parseAddress("127.0.0.1:50051");  // { kind: "tcp", host: "127.0.0.1", port: 50051 }
 */
export function parseAddress(address: string): ParsedAddress {
  if (address.startsWith("unix:")) {
    const path = address.slice("unix:".length).replace(/^\/\/(?=\/)/, "");
    if (path.length > 0) return { kind: "unix", path };
  } else if (address.startsWith("/") || address.startsWith("./")) {
    return { kind: "unix", path: address };
  } else {
    const match = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(address);
    if (match?.[1] && match[2]) return { kind: "tcp", host: match[1].replace(/^\[|\]$/g, ""), port: Number(match[2]) };
  }
  throw new ConfigError(`Endpoint address "${address}" is neither a Unix socket ("unix:/path/w.sock" or "/path/w.sock") nor "host:port"; use the address the worker printed in its ready line.`);
}
