import { cacheSuite } from "@snakepit/conformance";
import { test } from "vitest";
import { createMemoryCache, MemoryStore } from "../src/index.js";

// One store for every namespace: isolation is tested over a shared store, as with Redis.
const store = new MemoryStore({ maxEntries: 1_000, maxBytes: 64 * 1024 * 1024 });

cacheSuite(test, ({ namespace }) => createMemoryCache({ namespace, sharedStore: store }));
