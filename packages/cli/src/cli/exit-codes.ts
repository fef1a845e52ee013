import {
  CancelledError, CatalogError, CodecError, ConfigError, EnvironmentError, NotAllowedError, NotFoundError,
  PythonError, SaturatedError, TimeoutError, TransportError, WorkerCrashedError,
} from "@snakepit/core";
import { DoctorFailedError, LockFileError, UsageError } from "./cli-errors.js";

/**
 * Exit codes of the `snakepit` command. Scripts and CI branch on them, so
 * they are stable: a new failure kind gets a new number, never a reused one.
 */
export const ExitCode = {
  /** Everything worked. */
  ok: 0,
  /** The command line was wrong (unknown command or flag, missing argument, bad JSON). */
  usage: 1,
  /** snakepit.config.ts is missing or invalid. */
  configInvalid: 2,
  /** The catalog does not match the installed libraries (missing, misspelled, not callable). */
  catalogInvalid: 3,
  /** The Python environment could not be found, created or synced. */
  environmentFailed: 4,
  /** Python raised, or refused the call (not found, not allowed, value not encodable). */
  pythonError: 5,
  /** catalog.lock.json is missing or out of date (run `snakepit sync`), or generated code is stale (`generate --check`). */
  lockOutdated: 6,
  /** The Python runtime failed: workers did not start, crashed, timed out or the connection broke. */
  runtimeFailed: 7,
  /** `snakepit doctor` found problems. */
  doctorFailed: 8,
  /** A bug in Snakepit: please report it with the output. */
  internal: 9,
  /** Interrupted (Ctrl-C). */
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** The exit code that tells a script what kind of failure `error` is. */
export function exitCodeFor(error: unknown): ExitCodeValue {
  if (error instanceof UsageError) return ExitCode.usage;
  if (error instanceof ConfigError) return ExitCode.configInvalid;
  if (error instanceof CatalogError) return ExitCode.catalogInvalid;
  if (error instanceof EnvironmentError) return ExitCode.environmentFailed;
  if (error instanceof PythonError || error instanceof NotFoundError || error instanceof NotAllowedError || error instanceof CodecError) return ExitCode.pythonError;
  if (error instanceof LockFileError) return ExitCode.lockOutdated;
  if (error instanceof TransportError || error instanceof WorkerCrashedError || error instanceof TimeoutError || error instanceof SaturatedError) return ExitCode.runtimeFailed;
  if (error instanceof CancelledError) return ExitCode.interrupted;
  if (error instanceof DoctorFailedError) return ExitCode.doctorFailed;
  return ExitCode.internal;
}
