import { lookup } from "node:dns/promises";
import { readFileSync } from "node:fs";
import { isIP } from "node:net";
import { resolve } from "node:path";
import { ConfigError, type SnakepitConfig } from "@snakepit/core";
import { RemoteWorkerFleet, type EndpointTlsOptions, type FleetEvent, type RemoteEndpoint } from "@snakepit/port-python";
import { createGrpcTransport, type GrpcImplementation } from "@snakepit/transport-grpc";

/** `execution.remote` of the configuration. */
export type RemoteWorkersConfig = NonNullable<NonNullable<SnakepitConfig["execution"]>["remote"]>;

export interface RemoteFleetStartOptions {
  /** Relative paths of the configuration (token file, certificates) resolve against it. */
  readonly projectDir: string;
  /** "grpc-js" (default) or "connect"; the framed fast lane is same-host only. */
  readonly transport?: GrpcImplementation;
  readonly onEvent?: (event: FleetEvent) => void;
}

/**
 * Connects to the remote workers a configuration lists: token from
 * `tokenFile` or `$tokenEnv` (default SNAKEPIT_TOKEN), TLS files read from
 * disk, and, with `resolveAll`, one endpoint per address of each DNS name
 * (a Kubernetes headless Service resolves to every ready pod), resolved
 * again periodically so that new pods join and deleted ones leave.
 *
 * @example
 * const fleet = await startRemoteFleet(config.execution.remote, { projectDir });
 */
export async function startRemoteFleet(remote: RemoteWorkersConfig, options: RemoteFleetStartOptions): Promise<RemoteWorkerFleet> {
  const token = readToken(remote, options.projectDir);
  const tls = readTls(remote, options.projectDir);
  // A headless Service's pods come and go: resolve again every 10 s (the fleet follows).
  const discover = remote.resolveAll ? async () => (await Promise.all(remote.endpoints.map((endpoint) => expandDns(endpoint, tls)))).flat() : undefined;
  const endpoints = discover ? await discover() : remote.endpoints;
  if (!tls && !remote.insecure) {
    const exposed = endpoints.find((endpoint) => !isLoopback(hostOf(endpoint.address)));
    if (exposed) throw new ConfigError(`Remote worker ${exposed.address} is not on this machine and execution.remote has no tls: the token and every argument would cross the network in plain text. Set execution.remote.tls ({ ca, cert, key }), or insecure: true on a network that is already encrypted.`);
  }
  const implementation = options.transport === "connect" ? "connect" : "grpc-js";
  return RemoteWorkerFleet.start({
    endpoints,
    token,
    ...(tls ? { tls } : {}),
    transportFactory: (endpoint) => createGrpcTransport({ ...endpoint, implementation }),
    ...(remote.capacity !== undefined ? { capacity: remote.capacity } : {}),
    ...(remote.healthIntervalMs !== undefined ? { healthIntervalMs: remote.healthIntervalMs } : {}),
    ...(discover ? { discover } : {}),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
}

function readToken(remote: RemoteWorkersConfig, projectDir: string): string {
  if (remote.tokenFile) {
    const token = readText(resolve(projectDir, remote.tokenFile), "execution.remote.tokenFile").trim();
    if (!token) throw new ConfigError(`execution.remote.tokenFile ${remote.tokenFile} is empty; write the workers' token into it (the file their --token-file reads).`);
    return token;
  }
  const variable = remote.tokenEnv ?? "SNAKEPIT_TOKEN";
  const token = process.env[variable];
  if (!token) throw new ConfigError(`Remote workers need their token: set $${variable} (or execution.remote.tokenEnv / tokenFile) to the token their --token-file holds.`);
  return token;
}

function readTls(remote: RemoteWorkersConfig, projectDir: string): EndpointTlsOptions | undefined {
  if (!remote.tls) return undefined;
  const file = (path: string | undefined, key: string) => (path ? { [key]: readText(resolve(projectDir, path), `execution.remote.tls.${key}`) } : {});
  return { ...file(remote.tls.ca, "ca"), ...file(remote.tls.cert, "cert"), ...file(remote.tls.key, "key"), ...(remote.tls.serverName ? { serverName: remote.tls.serverName } : {}) };
}

function readText(path: string, setting: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new ConfigError(`${setting} names ${path}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
}

/** Every address of the endpoint's DNS name, each checked against the name's certificate. */
async function expandDns(endpoint: RemoteWorkersConfig["endpoints"][number], tls: EndpointTlsOptions | undefined): Promise<RemoteEndpoint[]> {
  const host = hostOf(endpoint.address);
  if (isIP(host)) return [endpoint];
  const port = endpoint.address.slice(endpoint.address.lastIndexOf(":") + 1);
  let addresses: { address: string; family: number }[];
  try {
    addresses = await lookup(host, { all: true });
  } catch (error) {
    throw new ConfigError(`Remote workers at ${endpoint.address}: ${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? String(error)}); check the Service name and that this runs where that DNS name exists.`);
  }
  const name = endpoint.name ?? host;
  return addresses.map(({ address, family }) => ({
    address: family === 6 ? `[${address}]:${port}` : `${address}:${port}`,
    name: `${name}/${address}`,
    // The pods share a certificate for the Service's name, not for each pod's address.
    ...(tls ? { tls: { ...tls, serverName: tls.serverName ?? host } } : {}),
  }));
}

function hostOf(address: string): string {
  return address.slice(0, address.lastIndexOf(":")).replace(/^\[|\]$/g, "");
}

function isLoopback(host: string): boolean {
  return host === "localhost" || /^127\.\d+\.\d+\.\d+$/.test(host) || host === "::1";
}
