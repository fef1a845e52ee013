import { InMemoryCache } from "@snakepit/core/testing";
import { test } from "vitest";
import { cacheSuite } from "../src/index.js";

// An InMemoryCache is its own store, so caches of one namespace are shared through this map.
const caches = new Map<string, InMemoryCache>();

cacheSuite(test, ({ namespace }) => {
  const cache = caches.get(namespace) ?? new InMemoryCache({ namespace });
  caches.set(namespace, cache);
  return cache;
});
