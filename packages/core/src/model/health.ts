/** What a transport or pool reports about the Python side. */
export interface HealthStatus {
  readonly ready: boolean;
  /** Per endpoint (worker) details; one entry for a single-endpoint transport. */
  readonly endpoints: readonly EndpointHealth[];
}

export interface EndpointHealth {
  readonly id: string;
  readonly ready: boolean;
  readonly pid?: number;
  readonly pythonVersion?: string;
  readonly bridgeVersion?: string;
  readonly inFlight?: number;
  readonly refs?: number;
  readonly rssBytes?: number;
  /** Random id of the worker process, new at every start: tells a restarted worker at the same address from its predecessor. */
  readonly instanceId?: string;
  /** Why it is not ready. */
  readonly problem?: string;
}
