import { SnakepitError } from "./snakepit-error.js";

/**
 * One step of a pipeline failed; the steps after it did not run and nothing
 * came back. `step` and `stepTarget` say which step; `cause` is the typed
 * error of that step (`PythonError`, `NotFoundError`, …) with the Python
 * type, message and traceback.
 *
 * @example
 * try { await py.pipeline(build); } catch (error) {
 *   if (error instanceof PipelineStepError) console.log(error.step, error.stepTarget, error.cause);
 * }
 */
export class PipelineStepError extends SnakepitError {
  readonly code = "PIPELINE_STEP";

  constructor(
    /** Index of the failed step, in the order the build function made them. */
    readonly step: number,
    /** What the step did: "pandas.read_csv", "<step 0>.mean", "<step 0>[\"x\"]". */
    readonly stepTarget: string,
    /** The failure of that step, as a typed error. */
    override readonly cause: SnakepitError,
  ) {
    super(`Pipeline step ${step} (${stepTarget}) failed, so the steps after it did not run: ${cause.message}`, { cause });
  }
}
