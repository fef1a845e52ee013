/**
 * Resource limits a worker sets on itself (setrlimit) before it serves, so one
 * runaway call cannot take the host's memory or CPU: past the address-space
 * limit Python raises MemoryError, past the CPU limit the kernel kills the
 * worker (SIGXCPU) and the pool replaces it.
 */
export interface WorkerLimits {
  /** Address space (RLIMIT_AS) in MiB. Leave room: imports alone take 100+ MiB for numpy or pandas. */
  readonly memoryMb?: number;
  /** CPU time (RLIMIT_CPU) in seconds over the worker's whole life. */
  readonly cpuSeconds?: number;
  /** Largest gRPC message the worker accepts or sends, in MiB (default 256). */
  readonly maxMessageMb?: number;
}

/** The worker's command-line flags for these limits. */
export function limitArguments(limits: WorkerLimits = {}): string[] {
  return [
    ...(limits.memoryMb !== undefined ? ["--memory-mb", String(limits.memoryMb)] : []),
    ...(limits.cpuSeconds !== undefined ? ["--cpu-seconds", String(limits.cpuSeconds)] : []),
    ...(limits.maxMessageMb !== undefined ? ["--max-message-mb", String(limits.maxMessageMb)] : []),
  ];
}

/**
 * Environment a memory-limited worker needs, so the limit is spent on calls
 * rather than reservations: glibc reserves 64 MiB of address space per thread
 * for malloc arenas (gRPC's threads alone would use up a few hundred MiB), and
 * OpenBLAS reserves a buffer per core when numpy is imported. The pool's `env`
 * option overrides either.
 */
export function limitEnvironment(limits: WorkerLimits = {}): Record<string, string> {
  return limits.memoryMb !== undefined ? { MALLOC_ARENA_MAX: "2", OPENBLAS_NUM_THREADS: "1" } : {};
}
