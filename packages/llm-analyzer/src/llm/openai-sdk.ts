import type * as OpenAIModule from "openai";
import { loadOnFirstUse } from "@snakepit/core";

/**
 * The openai SDK (236 modules), loaded when a generator first needs it rather
 * than by every program that imports this package (see `loadOnFirstUse`).
 */
export const openaiSdk = loadOnFirstUse<typeof OpenAIModule>(() => import.meta.resolve("openai"));
