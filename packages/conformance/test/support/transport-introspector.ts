import type { Description, Introspector, Transport } from "@snakepit/core";

/**
 * The simplest Introspector: ask the transport. port-python's real one does
 * the same over a worker; this one lets the suite run against the fake.
 */
export class TransportIntrospector implements Introspector, AsyncDisposable {
  constructor(private readonly transport: Transport) {}

  describe(target: string, options?: { readonly members?: boolean; readonly signal?: AbortSignal }): Promise<Description> {
    return this.transport.describe(target, options);
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.transport.close();
  }
}
