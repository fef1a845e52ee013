import { test } from "vitest";
import { catalogGeneratorSuite } from "../src/index.js";
import { IntrospectionCatalogGenerator } from "./support/introspection-catalog-generator.js";

catalogGeneratorSuite(test, () => new IntrospectionCatalogGenerator());
