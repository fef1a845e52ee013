import { afterAll, beforeAll } from "vitest";
import type { BridgeTransport } from "../../src/bridge-transport.js";
import type { GrpcTransportOptions } from "../../src/transport-options.js";
import { startPythonWorker, type RunningWorker } from "./python-worker.js";

/** The real worker and the transport to it that one describe block shares. */
export interface WorkerSession {
  worker: RunningWorker;
  transport: BridgeTransport;
}

/**
 * Starts a real worker and a transport to it before the block's tests and
 * stops both after them; the returned object is filled in by then.
 * `fastLane` gives the transport the worker's frame socket too.
 *
 * @example
 * const live = useWorkerSession(createTransport, { fastLane: true });
 * it("adds", async () => expect(await live.transport.call({ target: "operator.add", args: [1, 2] })).toBe(3));
 */
export function useWorkerSession(createTransport: (options: GrpcTransportOptions) => BridgeTransport, options: { readonly fastLane?: boolean } = {}): WorkerSession {
  const session = {} as WorkerSession;
  beforeAll(async () => {
    const worker = await startPythonWorker();
    session.worker = worker;
    session.transport = createTransport({ id: "py1", address: worker.address, ...(options.fastLane ? { frameAddress: worker.frameAddress } : {}), token: worker.token });
  }, 30_000);
  afterAll(async () => {
    await session.transport?.close();
    await session.worker?.stop();
  });
  return session;
}
