/** Options of the plain venv environment manager; all optional. */
export interface VenvEnvironmentManagerOptions {
  /** Interpreter used when a spec names no python version; default "python3". */
  readonly python?: string;
  /** Package index for pip (PIP_INDEX_URL) instead of pip's own configuration. */
  readonly indexUrl?: string;
  /** Extra environment variables for every pip command (PIP_RETRIES, proxies, …). */
  readonly env?: Readonly<Record<string, string>>;
  /** Longest wait for another process that is changing the same environment; default 10 minutes. */
  readonly lockTimeoutMs?: number;
}
