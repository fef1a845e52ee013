import { lockCatalog } from "../../src/catalog/lock-catalog.js";
import type { CatalogLock } from "../../src/lock/catalog-lock.js";
import { allDescriptions, seedCatalog } from "../fixtures/descriptions.js";
import { FixedIntrospector } from "./fixed-introspector.js";

/** The lock `snakepit sync` would write for the seed catalog, built from the fixtures without Python. */
export async function seedLock(): Promise<CatalogLock> {
  const { lock } = await lockCatalog(seedCatalog, new FixedIntrospector(allDescriptions), { python: "3.11.7" });
  return lock;
}
