/** Options of the uv environment manager; all optional. */
export interface UvEnvironmentManagerOptions {
  /** uv executable to use; otherwise SNAKEPIT_UV, PATH, ~/.local/bin, ~/.cargo/bin, the tools folder. */
  readonly uvPath?: string;
  /** Where a bootstrapped uv lives; default `<projectDir>/.snakepit/tools` (cwd for detect()). */
  readonly toolsDir?: string;
  /** Install uv with pip when it is not found; default true. */
  readonly bootstrap?: boolean;
  /** Interpreter that bootstraps uv and whose pip configuration names the index; default "python3". */
  readonly bootstrapPython?: string;
  /** uv's package cache (UV_CACHE_DIR); default uv's own, shared by every environment. */
  readonly cacheDir?: string;
  /** Package index to use instead of the one found in uv's variables or pip's configuration. */
  readonly indexUrl?: string;
  /** Extra environment variables for every uv command (UV_HTTP_RETRIES, proxies, …). */
  readonly env?: Readonly<Record<string, string>>;
  /** Longest wait for another process that is changing the same environment; default 10 minutes. */
  readonly lockTimeoutMs?: number;
}
