/** Options of the Poetry environment manager; all optional. */
export interface PoetryEnvironmentManagerOptions {
  /** Poetry executable; otherwise SNAKEPIT_POETRY, PATH, ~/.local/bin, the tools folder. */
  readonly poetryPath?: string;
  /** Where a bootstrapped Poetry lives; default `<projectDir>/.snakepit/tools` (cwd for detect()). */
  readonly toolsDir?: string;
  /** Install Poetry with pip when it is not found; default true. */
  readonly bootstrap?: boolean;
  /** Interpreter that bootstraps Poetry and is used when a spec names no python; default "python3". */
  readonly python?: string;
  /**
   * PEP 503 index for the generated project's primary source. Default: PIP_INDEX_URL, else
   * https://pypi.org/simple/ — the simple API that pip and uv use, which every mirror serves
   * (Poetry's default, PyPI's per-version JSON API, is not always proxied).
   */
  readonly indexUrl?: string;
  /** Extra environment variables for every Poetry command (POETRY_CACHE_DIR, POETRY_REQUESTS_MAX_RETRIES, …). */
  readonly env?: Readonly<Record<string, string>>;
  /** Longest wait for another process changing the same environment; default 10 minutes. */
  readonly lockTimeoutMs?: number;
}
