export { SnakepitError } from "./snakepit-error.js";
export { PythonError, type PythonExceptionInfo } from "./python-error.js";
export { TimeoutError, CancelledError, WorkerCrashedError, SaturatedError, NotAllowedError, NotFoundError, CodecError } from "./call-errors.js";
export { PipelineStepError } from "./pipeline-step-error.js";
export { TransportError, EnvironmentError, CatalogError, ConfigError } from "./infrastructure-errors.js";
export { QuotaExceededError, type QuotaLimit } from "./quota-exceeded-error.js";
