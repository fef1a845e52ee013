import type * as Connect from "@connectrpc/connect";
import type { CallOptions, Client, Interceptor } from "@connectrpc/connect";
import type * as ConnectNode from "@connectrpc/connect-node";
import type { Http2SessionManager } from "@connectrpc/connect-node";
import { loadOnFirstUse } from "@snakepit/core";
import type { SecureClientSessionOptions } from "node:http2";
import { connect as connectSocket, isIP } from "node:net";
import { Bridge, type BatchReply, type BatchRequest, type CallRequest, type CancelReply, type CancelRequest, type ClientFrame, type DescribeReply, type DescribeRequest, type HealthReply, type HealthRequest, type ReleaseReply, type ReleaseRequest, type StreamItem } from "../gen/snakepit/v1/bridge_pb.js";
import type { BridgeRpc, RpcOptions, SessionChannel, SessionListener } from "../session/bridge-rpc.js";
import type { GrpcEndpoint } from "../transport-options.js";
import { parseAddress } from "../wire/endpoint-address.js";
import { tlsFailureHint, tlsMaterial } from "../wire/endpoint-tls.js";
import { RpcFailure, Status } from "../wire/rpc-failure.js";
import { FrameQueue } from "./frame-queue.js";

/** Connect (80 modules with connect-node) is loaded by the first Connect transport, not by every program that imports this package. */
const connectCore = loadOnFirstUse<typeof Connect>(() => import.meta.resolve("@connectrpc/connect"));
const connectNode = loadOnFirstUse<typeof ConnectNode>(() => import.meta.resolve("@connectrpc/connect-node"));

/** The Bridge service over @connectrpc/connect-node (gRPC protocol, HTTP/2), with failures as `RpcFailure`. */
export class ConnectBridgeRpc implements BridgeRpc {
  readonly #sessionManager: Http2SessionManager;
  readonly #client: Client<typeof Bridge>;
  readonly #tls: boolean;

  constructor(endpoint: GrpcEndpoint) {
    const core = connectCore();
    const node = connectNode();
    const address = parseAddress(endpoint.address);
    this.#tls = endpoint.tls !== undefined;
    // Over a Unix socket the URL only names the authority; the socket is dialled by createConnection.
    const scheme = endpoint.tls ? "https" : "http";
    const baseUrl = address.kind === "unix" ? "http://localhost" : `${scheme}://${address.host.includes(":") ? `[${address.host}]` : address.host}:${address.port}`;
    const nodeOptions = address.kind === "unix" ? { createConnection: () => connectSocket(address.path) } : tlsSessionOptions(endpoint, address.host);
    this.#sessionManager = new node.Http2SessionManager(baseUrl, {}, nodeOptions);
    const interceptors: Interceptor[] = endpoint.token ? [withToken(endpoint.token)] : [];
    // No response compression: on a local socket it costs CPU and saves nothing.
    const transport = node.createGrpcTransport({ baseUrl, sessionManager: this.#sessionManager, interceptors, acceptCompression: [] });
    this.#client = core.createClient(Bridge, transport);
  }

  batch(request: BatchRequest, options: RpcOptions): Promise<BatchReply> {
    return translated(this.#client.batch(request, callOptions(options)), this.#tls);
  }

  release(request: ReleaseRequest, options: RpcOptions): Promise<ReleaseReply> {
    return translated(this.#client.release(request, callOptions(options)), this.#tls);
  }

  cancel(request: CancelRequest, options: RpcOptions): Promise<CancelReply> {
    return translated(this.#client.cancel(request, callOptions(options)), this.#tls);
  }

  describe(request: DescribeRequest, options: RpcOptions): Promise<DescribeReply> {
    return translated(this.#client.describe(request, callOptions(options)), this.#tls);
  }

  health(request: HealthRequest, options: RpcOptions): Promise<HealthReply> {
    return translated(this.#client.health(request, callOptions(options)), this.#tls);
  }

  async *stream(request: CallRequest, options: RpcOptions): AsyncIterable<StreamItem> {
    const controller = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
    try {
      // Connect reads the HTTP/2 stream as the loop asks, so flow control holds the worker back.
      yield* this.#client.stream(request, { ...callOptions(options), signal });
    } catch (error) {
      throw failureOf(error, this.#tls);
    } finally {
      controller.abort();
    }
  }

  openSession(listener: SessionListener): SessionChannel {
    const frames = new FrameQueue<ClientFrame>();
    const controller = new AbortController();
    let closing = false;
    void (async () => {
      try {
        for await (const frame of this.#client.session(frames, { signal: controller.signal })) listener.frame(frame);
        listener.ended(undefined);
      } catch (error) {
        listener.ended(closing ? undefined : failureOf(error, this.#tls));
      }
    })();
    return {
      send: (frame) => frames.push(frame),
      close: () => {
        closing = true;
        frames.end();
        controller.abort();
      },
    };
  }

  close(): void {
    this.#sessionManager.abort();
  }
}

/** http2 TLS options: our CA, our client certificate, and the name to check the worker's certificate against. */
function tlsSessionOptions(endpoint: GrpcEndpoint, host: string): SecureClientSessionOptions {
  if (!endpoint.tls) return {};
  // No SNI for an IP address (RFC 6066); the certificate is still checked against the address.
  const servername = endpoint.tls.serverName ?? (isIP(host) ? "" : host);
  return { ...tlsMaterial(endpoint.tls, endpoint.id), servername };
}

function withToken(token: string): Interceptor {
  return (next) => (request) => {
    request.header.set("x-snakepit-token", token);
    return next(request);
  };
}

function callOptions(options: RpcOptions): CallOptions {
  return { signal: options.signal, timeoutMs: options.timeoutMs };
}

async function translated<T>(reply: Promise<T>, tls: boolean): Promise<T> {
  try {
    return await reply;
  } catch (error) {
    throw failureOf(error, tls);
  }
}

/** Socket errors that mean "nobody is listening there any more", which Connect reports as INTERNAL and grpc-js as UNAVAILABLE. */
const unreachable = new Set(["ENOENT", "ECONNREFUSED", "ECONNRESET", "EPIPE", "ENOTCONN"]);

function failureOf(error: unknown, tls: boolean): unknown {
  // Only reached once a ConnectBridgeRpc exists, so Connect is loaded.
  if (!(error instanceof connectCore().ConnectError)) return error;
  const systemCode = (error.cause as NodeJS.ErrnoException | undefined)?.code;
  const handshake = tls && systemCode !== undefined && /CERT|SSL|TLS|VERIFY/.test(systemCode);
  const status = systemCode !== undefined && (unreachable.has(systemCode) || handshake) ? Status.unavailable : error.code;
  const details = handshake ? `${error.rawMessage} (${systemCode})` : error.rawMessage;
  return new RpcFailure(status, tls && status === Status.unavailable ? tlsFailureHint(details) : details, { cause: error });
}
