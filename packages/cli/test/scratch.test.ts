import { test } from "vitest";
import { generateBindings } from "../src/codegen/generate-bindings.js";
import { seedLock } from "./support/seed-lock.js";
import { writeGeneratedFiles } from "../src/codegen/write-generated.js";

test("scratch", async () => {
  const files = generateBindings(await seedLock());
  await writeGeneratedFiles("/tmp/scratch-gen", files);
  console.log(files.map((f) => f.path));
});
