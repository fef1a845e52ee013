import { SnakepitError } from "../errors/index.js";

/** One finished call, as the audit hook receives it. */
export interface CallAuditRecord {
  /** Who asked: the call's `label` option, else the Snakepit's `audit.caller`. */
  readonly label?: string;
  /** Dotted path, or `<pythonType>.method` for a remote object. */
  readonly path: string;
  readonly kind: "call" | "create" | "getattr" | "stream" | "batch" | "pipeline" | "method";
  readonly durationMs: number;
  /** "ok", or the error's code ("NOT_ALLOWED", "TIMEOUT", "PYTHON_ERROR"…); "ERROR" for untyped errors. */
  readonly outcome: string;
  /** Only with `audit.includeArguments`: arguments can hold personal data or secrets. */
  readonly args?: readonly unknown[];
  readonly kwargs?: Readonly<Record<string, unknown>>;
  /** Trace and span id of the call's OpenTelemetry span, when one is recorded: joins the log line to the trace. */
  readonly traceId?: string;
  readonly spanId?: string;
}

/** Audit settings of a Snakepit. */
export interface AuditOptions {
  /** Receives one record per finished call; it must not throw (errors are swallowed). */
  readonly onCall: (record: CallAuditRecord) => void;
  /** Default label for records whose call gave none (a service or tenant name). */
  readonly caller?: string;
  /** Put argument values in records. Default false: records name what ran, never with what. */
  readonly includeArguments?: boolean;
}

/** What the facade knows when a call starts. */
export interface AuditEntry {
  readonly path: string;
  readonly kind: CallAuditRecord["kind"];
  readonly label?: string | undefined;
  readonly args?: readonly unknown[] | undefined;
  readonly kwargs?: Readonly<Record<string, unknown>> | undefined;
  readonly traceId?: string | undefined;
  readonly spanId?: string | undefined;
}

/**
 * Times calls and reports them to the audit hook when they settle. Lives in
 * core with no logger dependency; `createPinoAuditLog` in the CLI package
 * writes the records with pino.
 *
 * @example
 * createSnakepit({ transport, audit: { onCall: (record) => console.log(record.path, record.outcome) } });
 */
export class CallAudit {
  constructor(private readonly options: AuditOptions | undefined) {}

  /** Reports `work` when it settles and hands back its outcome unchanged. */
  track<T>(entry: AuditEntry, work: () => Promise<T>): Promise<T> {
    if (!this.options) return work();
    // A synchronous throw in `work` becomes a rejection, recorded like any other.
    const started = performance.now();
    const settled = (outcome: string) => this.#report(entry, outcome, performance.now() - started);
    let running: Promise<T>;
    try {
      running = work();
    } catch (error) {
      running = Promise.reject(error as Error);
    }
    return running.then(
      (value) => {
        settled("ok");
        return value;
      },
      (error: unknown) => {
        settled(outcomeOf(error));
        throw error;
      },
    );
  }

  /** Reports a stream once it ends, fails or is abandoned by the consumer. */
  async *trackStream<T>(entry: AuditEntry, items: AsyncIterable<T>): AsyncGenerator<T> {
    if (!this.options) return yield* items;
    const started = performance.now();
    let outcome = "ok";
    try {
      yield* items;
    } catch (error) {
      outcome = outcomeOf(error);
      throw error;
    } finally {
      this.#report(entry, outcome, performance.now() - started);
    }
  }

  #report(entry: AuditEntry, outcome: string, durationMs: number): void {
    const options = this.options;
    if (!options) return;
    const label = entry.label ?? options.caller;
    const record: CallAuditRecord = {
      ...(label !== undefined ? { label } : {}),
      path: entry.path,
      kind: entry.kind,
      durationMs: Math.round(durationMs * 1000) / 1000,
      outcome,
      ...(options.includeArguments && entry.args ? { args: entry.args } : {}),
      ...(options.includeArguments && entry.kwargs ? { kwargs: entry.kwargs } : {}),
      ...(entry.traceId !== undefined && entry.spanId !== undefined ? { traceId: entry.traceId, spanId: entry.spanId } : {}),
    };
    try {
      options.onCall(record);
    } catch {
      // A failing audit sink must not fail the call it reports.
    }
  }
}

function outcomeOf(error: unknown): string {
  return error instanceof SnakepitError ? error.code : "ERROR";
}
