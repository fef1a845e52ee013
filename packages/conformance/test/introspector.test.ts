import { InMemoryTransport } from "@snakepit/core/testing";
import { test } from "vitest";
import { introspectorSuite, stdlibHandlers } from "../src/index.js";
import { TransportIntrospector } from "./support/transport-introspector.js";

introspectorSuite(test, () => new TransportIntrospector(new InMemoryTransport(stdlibHandlers())));
