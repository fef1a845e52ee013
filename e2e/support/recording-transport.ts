import type { BatchOptions, CallOutcome, CallRequest, Description, HealthStatus, RemoteRef, Transport, TransportCallOptions } from "@snakepit/core";

/** Requests that reached the wrapped transport, by method. */
export interface RequestCounts {
  call: number;
  batch: number;
  stream: number;
}

/**
 * Wraps a Transport and counts the requests that go through it: the e2e
 * tests' request counter ("the pipeline is one round trip").
 */
export class RecordingTransport implements Transport {
  readonly counts: RequestCounts = { call: 0, batch: 0, stream: 0 };
  readonly targets: string[] = [];

  constructor(private readonly inner: Transport) {}

  get capabilities() {
    return this.inner.capabilities;
  }

  /** Requests of any kind since the last reset. */
  get total(): number {
    return this.counts.call + this.counts.batch + this.counts.stream;
  }

  reset(): void {
    this.counts.call = this.counts.batch = this.counts.stream = 0;
    this.targets.length = 0;
  }

  call(request: CallRequest, options?: TransportCallOptions): Promise<unknown> {
    this.counts.call++;
    this.targets.push(request.target);
    return this.inner.call(request, options);
  }

  batch(requests: readonly CallRequest[], options?: BatchOptions): Promise<CallOutcome[]> {
    this.counts.batch++;
    return this.inner.batch(requests, options);
  }

  stream(request: CallRequest, options?: TransportCallOptions): AsyncIterable<unknown> {
    this.counts.stream++;
    this.targets.push(request.target);
    return this.inner.stream(request, options);
  }

  release(refs: readonly RemoteRef[]): Promise<void> {
    return this.inner.release(refs);
  }

  describe(target: string, options?: { readonly members?: boolean; readonly signal?: AbortSignal }): Promise<Description> {
    return this.inner.describe(target, options);
  }

  health(options?: { readonly signal?: AbortSignal }): Promise<HealthStatus> {
    return this.inner.health(options);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
