import type { Transport } from "@snakepit/core";
import type { Factory, TestApi } from "../test-api.js";

/** What every group of the transport suite receives. */
export interface TransportTestContext {
  /** Registers one test that gets a fresh transport and closes it afterwards. */
  readonly test: (name: string, body: (transport: Transport) => Promise<void>) => void;
}

/** Wraps the runner's `test` so each test owns a transport from `factory` and always closes it. */
export function transportTestContext(test: TestApi, factory: Factory<Transport>, timeoutMs: number): TransportTestContext {
  return {
    test: (name, body) =>
      test(`transport › ${name}`, async () => {
        const transport = await factory();
        try {
          await body(transport);
        } finally {
          await transport.close();
        }
      }, timeoutMs),
  };
}
