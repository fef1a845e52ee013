import { readFileSync } from "node:fs";

/** This package's version, read once from its package.json (dist/ and src/ are both one level down). */
export const snakepitVersion: string = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
