/** The outcome of one `snakepit doctor` check. */
export interface DoctorCheck {
  readonly name: string;
  /** ok: works; warn: works with a caveat; fail: Snakepit will not work until fixed; skip: not applicable. */
  readonly status: "ok" | "warn" | "fail" | "skip";
  /** What was found ("Node 24.2.0", "uv 0.5.1 from PATH"). */
  readonly detail: string;
  /** What to do, for warn and fail. */
  readonly fix?: string;
}
