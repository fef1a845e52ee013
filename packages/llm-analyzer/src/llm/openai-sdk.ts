import type * as OpenAIModule from "openai";
import { loadOnFirstUse } from "@snakepit/core";

let sdk: typeof OpenAIModule | undefined;

/**
 * The openai SDK (236 modules), loaded when a generator first needs it rather
 * than by every program that imports this package (see `loadOnFirstUse`).
 */
export function openaiSdk(): typeof OpenAIModule {
  sdk ??= loadOnFirstUse<typeof OpenAIModule>(import.meta.resolve("openai"));
  return sdk;
}
