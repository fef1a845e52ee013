import { test } from "vitest";
import { transportSuite } from "@snakepit/conformance";
import { startPool, type TransportKind } from "../support/pool.js";

// The same suite InMemoryTransport passes, against real workers through the pool, for both gRPC clients and the fast lane.
for (const kind of ["grpc-js", "connect", "framed"] satisfies TransportKind[]) {
  transportSuite((name, fn, timeout) => test(`[${kind}] ${name}`, fn, timeout), () => startPool(kind, { workers: 1 }));
}
