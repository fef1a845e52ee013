import { SnakepitError } from "@snakepit/core";

/** The command line was wrong: unknown command, missing argument, bad JSON. */
export class UsageError extends SnakepitError {
  readonly code = "USAGE";
}

/** `.snakepit/catalog.lock.json` is missing, unreadable, or older than the configuration. */
export class LockFileError extends SnakepitError {
  readonly code = "LOCK";
}

/** `snakepit doctor` found at least one failing check (the checks themselves say what to fix). */
export class DoctorFailedError extends SnakepitError {
  readonly code = "DOCTOR";

  constructor(message: string, readonly report: readonly unknown[]) {
    super(message);
  }
}
