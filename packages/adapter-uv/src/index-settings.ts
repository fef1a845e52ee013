import { runCommand } from "@snakepit/adapter-kit";

/** Which package index uv will use, and the arguments that make it so. */
export interface IndexSettings {
  /** Arguments for `uv lock` and `uv sync` (empty when uv reads its own variables or uses PyPI). */
  readonly args: readonly string[];
  /** One line for the log: which index and where that choice came from. */
  readonly description: string;
}

const uvIndexVariables = ["UV_DEFAULT_INDEX", "UV_INDEX_URL", "UV_INDEX", "UV_EXTRA_INDEX_URL", "UV_FIND_LINKS"] as const;

/**
 * Index settings in order of precedence: an explicit index from the adapter
 * options, uv's own variables (uv reads them itself), then the index that
 * pip's configuration names, since uv ignores pip.conf and that is where
 * corporate mirrors are configured. PyPI otherwise.
 *
 * @example
 * const settings = await indexSettings({ env: process.env, python: "python3" });
 * // { args: ["--default-index", "https://mirror/simple"], description: "index https://mirror/simple (pip configuration: global.index-url)" }
 */
export async function indexSettings(options: {
  readonly explicitIndex?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Interpreter whose pip configuration is read. */
  readonly python: string;
}): Promise<IndexSettings> {
  if (options.explicitIndex) {
    return { args: ["--default-index", options.explicitIndex], description: `index ${options.explicitIndex} (adapter option indexUrl)` };
  }
  const fromUv = uvIndexVariables.filter((name) => options.env[name]);
  if (fromUv.length) {
    return { args: [], description: `index from uv's variables: ${fromUv.map((name) => `${name}=${options.env[name]}`).join(", ")}` };
  }
  const pip = await pipConfiguration(options.python, options.env);
  const pick = (key: string) => [":env:", "install", "global"].map((scope) => pip.get(`${scope}.${key}`)).find(Boolean);
  const indexUrl = pick("index-url");
  const extra = splitList(pick("extra-index-url"));
  const findLinks = splitList(pick("find-links"));
  const args = [
    ...(indexUrl ? ["--default-index", indexUrl] : []),
    ...extra.flatMap((url) => ["--index", url]),
    ...findLinks.flatMap((link) => ["--find-links", link]),
  ];
  if (!args.length) return { args, description: "index https://pypi.org/simple (default; neither uv's variables nor pip's configuration name one)" };
  const parts = [
    `index ${indexUrl ?? "https://pypi.org/simple"}${indexUrl ? "" : " (default)"}`,
    ...extra.map((url) => `extra index ${url}`),
    ...findLinks.map((link) => `find-links ${link}`),
  ];
  return { args, description: `${parts.join(", ")} (from pip's configuration; uv does not read it)` };
}

/** Parses `pip config list` ("global.index-url='https://…'") into a map; empty if pip is unavailable. */
async function pipConfiguration(python: string, env: Readonly<Record<string, string | undefined>>): Promise<Map<string, string>> {
  const result = await runCommand(python, ["-m", "pip", "config", "list"], { env }).catch(() => undefined);
  const entries = new Map<string, string>();
  if (!result || result.exitCode !== 0) return entries;
  for (const line of result.stdout.split(/\r?\n/)) {
    const match = /^([^=\s]+)=(['"]?)(.*)\2$/.exec(line.trim());
    if (match?.[1] && match[3] !== undefined) entries.set(match[1], match[3]);
  }
  return entries;
}

function splitList(value: string | undefined): string[] {
  return value ? value.split(/\s+/).filter(Boolean) : [];
}
