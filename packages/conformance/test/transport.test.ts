import { InMemoryTransport } from "@snakepit/core/testing";
import { test } from "vitest";
import { stdlibHandlers, transportSuite } from "../src/index.js";

// The in-memory fake runs the same suite as the gRPC transports; this also tests the suite.
transportSuite(test, () => new InMemoryTransport(stdlibHandlers()));
