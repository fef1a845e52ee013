import { SnakepitError } from "./snakepit-error.js";

/** The connection to Python failed or was closed. */
export class TransportError extends SnakepitError {
  readonly code = "TRANSPORT";
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/** An environment could not be found, created or changed. */
export class EnvironmentError extends SnakepitError {
  readonly code = "ENVIRONMENT";
  constructor(message: string, readonly detail?: string, options?: ErrorOptions) {
    super(detail ? `${message}\n\n${detail}` : message, options);
  }
}

/** A catalog does not match the installed library (missing, misspelled or not callable names). */
export class CatalogError extends SnakepitError {
  readonly code = "CATALOG";
  constructor(message: string, readonly problems: readonly string[] = [], options?: ErrorOptions) {
    super(problems.length ? `${message}\n${problems.map((problem) => `  - ${problem}`).join("\n")}` : message, options);
  }
}

/** Configuration is invalid: names the key and the fix. */
export class ConfigError extends SnakepitError {
  readonly code = "CONFIG";
  constructor(message: string, readonly issues: readonly string[] = [], options?: ErrorOptions) {
    super(issues.length ? `${message}\n${issues.map((issue) => `  - ${issue}`).join("\n")}` : message, options);
  }
}
