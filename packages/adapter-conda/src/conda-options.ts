/** Options of the conda environment manager; all optional. */
export interface CondaEnvironmentManagerOptions {
  /** conda, mamba or micromamba executable; otherwise SNAKEPIT_CONDA, CONDA_EXE, PATH (in that order of preference). */
  readonly executable?: string;
  /** Channels, in priority order; default ["conda-forge"]. Passed with --override-channels so .condarc cannot add others silently. */
  readonly channels?: readonly string[];
  /** Extra environment variables for every conda command (CONDA_PKGS_DIRS, proxies, …). */
  readonly env?: Readonly<Record<string, string>>;
  /** Longest wait for another process changing the same environment; default 10 minutes. */
  readonly lockTimeoutMs?: number;
}
