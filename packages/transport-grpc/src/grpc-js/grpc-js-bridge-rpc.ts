import { Client, Metadata, credentials, type CallOptions, type ChannelCredentials, type ClientReadableStream, type MethodDefinition, type ServiceError, type StatusObject } from "@grpc/grpc-js";
import type { BatchReply, BatchRequest, CallRequest, CancelReply, CancelRequest, ClientFrame, DescribeReply, DescribeRequest, HealthReply, HealthRequest, ReleaseReply, ReleaseRequest, ServerFrame, StreamItem } from "../gen/snakepit/v1/bridge_pb.js";
import type { BridgeRpc, RpcOptions, SessionChannel, SessionListener } from "../session/bridge-rpc.js";
import type { GrpcEndpoint } from "../transport-options.js";
import { parseAddress } from "../wire/endpoint-address.js";
import { tlsFailureHint, tlsMaterial } from "../wire/endpoint-tls.js";
import { RpcFailure, Status } from "../wire/rpc-failure.js";
import { bridgeServiceDefinition as methods } from "./bridge-service-definition.js";

/**
 * Channel options: no message size limits (a numpy result of 8 MB is normal;
 * grpc-js would refuse anything over 4 MB by default), and no retries (the
 * pool decides what may run twice).
 */
const channelOptions = {
  "grpc.max_receive_message_length": -1,
  "grpc.max_send_message_length": -1,
  "grpc.enable_retries": 0,
};

/** The Bridge service over @grpc/grpc-js, with failures as `RpcFailure`. */
export class GrpcJsBridgeRpc implements BridgeRpc {
  readonly #client: Client;
  readonly #metadata: Metadata;
  readonly #tls: boolean;

  constructor(endpoint: GrpcEndpoint) {
    const address = parseAddress(endpoint.address);
    const target = address.kind === "unix" ? `unix:${address.path}` : `${address.host.includes(":") ? `[${address.host}]` : address.host}:${address.port}`;
    this.#client = new Client(target, channelCredentials(endpoint), { ...channelOptions, ...nameOverride(endpoint) });
    this.#tls = endpoint.tls !== undefined;
    this.#metadata = new Metadata();
    if (endpoint.token) this.#metadata.set("x-snakepit-token", endpoint.token);
  }

  batch(request: BatchRequest, options: RpcOptions): Promise<BatchReply> {
    return this.#unary(methods.batch, request, options);
  }

  release(request: ReleaseRequest, options: RpcOptions): Promise<ReleaseReply> {
    return this.#unary(methods.release, request, options);
  }

  cancel(request: CancelRequest, options: RpcOptions): Promise<CancelReply> {
    return this.#unary(methods.cancel, request, options);
  }

  describe(request: DescribeRequest, options: RpcOptions): Promise<DescribeReply> {
    return this.#unary(methods.describe, request, options);
  }

  health(request: HealthRequest, options: RpcOptions): Promise<HealthReply> {
    return this.#unary(methods.health, request, options);
  }

  async *stream(request: CallRequest, options: RpcOptions): AsyncIterable<StreamItem> {
    const definition = methods.stream;
    const call: ClientReadableStream<StreamItem> = this.#client.makeServerStreamRequest(definition.path, definition.requestSerialize, definition.responseDeserialize, request, this.#metadata.clone(), callOptions(options));
    // The status arrives as an 'error' event after we stop reading; without a listener Node would throw it.
    call.on("error", () => undefined);
    const cancel = () => call.cancel();
    options.signal?.addEventListener("abort", cancel, { once: true });
    try {
      // The Readable's async iterator reads on demand: grpc-js stops asking
      // HTTP/2 for more once its small buffer is full, so flow control holds the worker back.
      for await (const item of call) yield item as StreamItem;
    } catch (error) {
      throw failureOf(error, this.#tls);
    } finally {
      options.signal?.removeEventListener("abort", cancel);
      call.cancel();
    }
  }

  openSession(listener: SessionListener): SessionChannel {
    const definition = methods.session;
    const call = this.#client.makeBidiStreamRequest(definition.path, definition.requestSerialize, definition.responseDeserialize, this.#metadata.clone(), {});
    let closing = false;
    call.on("data", (frame: ServerFrame) => listener.frame(frame));
    call.on("error", () => undefined); // the outcome is read from 'status', which always follows
    call.on("status", (status: StatusObject) => listener.ended(closing || status.code === 0 ? undefined : new RpcFailure(status.code, explained(status.code, status.details, this.#tls))));
    return {
      send: (frame: ClientFrame) => void call.write(frame),
      close: () => {
        closing = true;
        call.cancel();
      },
    };
  }

  close(): void {
    this.#client.close();
  }

  #unary<Request, Reply>(definition: MethodDefinition<Request, Reply>, request: Request, options: RpcOptions): Promise<Reply> {
    return new Promise<Reply>((resolve, reject) => {
      const call = this.#client.makeUnaryRequest(definition.path, definition.requestSerialize, definition.responseDeserialize, request, this.#metadata.clone(), callOptions(options), (error, reply) => {
        options.signal?.removeEventListener("abort", cancel);
        if (error) reject(failureOf(error, this.#tls));
        else if (reply === undefined) reject(new RpcFailure(13, "the worker sent an empty reply"));
        else resolve(reply);
      });
      const cancel = () => call.cancel();
      options.signal?.addEventListener("abort", cancel, { once: true });
    });
  }
}

/** TLS when the endpoint has TLS options (a worker on another machine), else plain text (a local socket). */
function channelCredentials(endpoint: GrpcEndpoint): ChannelCredentials {
  if (!endpoint.tls) return credentials.createInsecure();
  const { ca, cert, key } = tlsMaterial(endpoint.tls, endpoint.id);
  return credentials.createSsl(ca ?? null, key ?? null, cert ?? null);
}

/** Verify the worker's certificate against `serverName` rather than the host of its address. */
function nameOverride(endpoint: GrpcEndpoint): Record<string, string> {
  const serverName = endpoint.tls?.serverName;
  return serverName ? { "grpc.ssl_target_name_override": serverName, "grpc.default_authority": serverName } : {};
}

function callOptions(options: RpcOptions): CallOptions {
  return options.timeoutMs === undefined ? {} : { deadline: Date.now() + options.timeoutMs };
}

function failureOf(error: unknown, tls: boolean): unknown {
  const status = error as Partial<ServiceError>;
  return typeof status.code === "number" ? new RpcFailure(status.code, explained(status.code, status.details ?? "", tls), { cause: error }) : error;
}

/** A connection that failed over TLS may be a refused handshake: say what to check. */
function explained(code: number, details: string, tls: boolean): string {
  return tls && code === Status.unavailable ? tlsFailureHint(details) : details;
}
