import { execa, type ResultPromise } from "execa";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { EnvironmentError, securityEnvironment, type SecurityPolicy } from "@snakepit/core";
import { limitArguments, limitEnvironment, type WorkerLimits } from "./worker-limits.js";

/** What the bridge prints on stdout, once, when it accepts connections. */
export interface ReadyHandshake {
  readonly event: "ready";
  readonly pid: number;
  readonly address: string;
  /** The fast-lane socket (Session frames without HTTP/2), when the worker serves one. */
  readonly frame_address?: string;
  readonly bridge_version?: string;
  readonly python_version?: string;
}

export interface PythonProcessOptions {
  readonly pythonPath: string;
  readonly socketPath: string;
  readonly token: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  readonly startTimeoutMs: number;
  /** The allowlist the worker enforces (handed over in its environment). */
  readonly security?: SecurityPolicy;
  /** Limits the worker sets on itself with setrlimit before it serves. */
  readonly limits?: WorkerLimits;
  /** Receives each stderr line of the worker (logs, warnings, tracebacks of crashes). */
  readonly onStderr?: (line: string) => void;
}

/**
 * One Python bridge process. Started in its own process group so that
 * shutdown can kill whatever the Python code spawned too; the bridge itself
 * asks Linux to kill it when this Node process dies (PR_SET_PDEATHSIG), so no
 * worker outlives its parent even after `kill -9`.
 */
export class PythonProcess {
  readonly #child: ResultPromise;
  readonly #stderrTail: string[] = [];
  #exitInfo: string | undefined;
  readonly exited: Promise<string>;

  private constructor(child: ResultPromise, private readonly options: PythonProcessOptions) {
    this.#child = child;
    this.exited = child.then((result) => {
      this.#exitInfo = result.signal ? `killed by ${result.signal}` : `exit code ${result.exitCode ?? "unknown"}`;
      return this.#exitInfo;
    });
  }

  /** Spawns the bridge and resolves once it printed its ready line. */
  static async start(options: PythonProcessOptions): Promise<{ process: PythonProcess; handshake: ReadyHandshake }> {
    // The fast lane sits next to the gRPC socket, in the same private directory.
    const frameSocket = options.socketPath.replace(/(\.sock)?$/, ".frames.sock");
    const child = execa(options.pythonPath, ["-m", "snakepit_bridge", "serve", "--socket", options.socketPath, "--frame-socket", frameSocket, ...limitArguments(options.limits)], {
      // Bytecode caching on (an empty value unsets an inherited PYTHONDONTWRITEBYTECODE): without
      // .pyc files every worker start compiles grpc and protobuf again, most of its startup.
      env: { PYTHONDONTWRITEBYTECODE: "", ...limitEnvironment(options.limits), ...options.env, ...(options.security ? securityEnvironment(options.security) : {}), SNAKEPIT_TOKEN: options.token, PYTHONUNBUFFERED: "1" },
      extendEnv: true,
      cwd: options.cwd,
      detached: true,
      cleanup: true,
      reject: false,
      buffer: false,
      stdin: "ignore",
      stdout: "pipe",
      stderr: "pipe",
    });
    const process = new PythonProcess(child, options);
    process.#followStderr();
    const handshake = await process.#waitForReady();
    return { process, handshake };
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** Whether the process has exited; `exitInfo` says how. */
  get exitInfo(): string | undefined {
    return this.#exitInfo;
  }

  /** Last lines the worker wrote to stderr, for error messages. */
  get stderrTail(): string {
    return this.#stderrTail.join("\n");
  }

  /** Resident memory in bytes, read from /proc (Linux); undefined elsewhere or after exit. */
  async rssBytes(): Promise<number | undefined> {
    if (!this.pid || this.#exitInfo) return undefined;
    try {
      const { readFile } = await import("node:fs/promises");
      const statm = await readFile(`/proc/${this.pid}/statm`, "utf8");
      return Number(statm.split(" ")[1]) * 4096;
    } catch {
      return undefined;
    }
  }

  /** Kills the whole process group now. */
  kill(signal: NodeJS.Signals = "SIGKILL"): void {
    if (!this.pid || this.#exitInfo) return;
    try {
      process.kill(-this.pid, signal);
    } catch {
      this.#child.kill(signal);
    }
  }

  /** SIGTERM (the bridge drains in-flight calls), then SIGKILL of the group after `graceMs`. */
  async stop(graceMs: number): Promise<void> {
    if (!this.pid || this.#exitInfo) return;
    this.kill("SIGTERM");
    const timer = setTimeout(() => this.kill("SIGKILL"), graceMs);
    await this.exited;
    clearTimeout(timer);
    // Whatever the worker spawned in its group goes with it.
    this.kill("SIGKILL");
  }

  #followStderr(): void {
    const stderr = this.#child.stderr;
    if (!stderr) return;
    createInterface({ input: stderr }).on("line", (line) => {
      this.#stderrTail.push(line);
      if (this.#stderrTail.length > 40) this.#stderrTail.shift();
      this.options.onStderr?.(line);
    });
  }

  async #waitForReady(): Promise<ReadyHandshake> {
    const stdout = this.#child.stdout;
    if (!stdout) throw new EnvironmentError("The Python worker has no stdout to report readiness on.");
    const lines = createInterface({ input: stdout });
    const timeout = AbortSignal.timeout(this.options.startTimeoutMs);
    const exited = this.exited.then((how) => ({ exited: how }));
    const ready = (async () => {
      for await (const line of lines) {
        const handshake = parseHandshake(line);
        if (handshake) return handshake;
      }
      // stdout closed without a handshake: the process is exiting; report how.
      return { exited: await this.exited };
    })();
    const timedOut = once(timeout, "abort").then(() => ({ timedOut: true }));
    const outcome = await Promise.race([ready, exited, timedOut]);
    if (outcome && "event" in outcome) {
      // Keep draining stdout so that print() in user code never blocks the worker.
      stdout.resume();
      return outcome;
    }
    this.kill();
    const why = outcome && "exited" in outcome ? `it exited (${outcome.exited}) before reporting ready` : `it did not report ready within ${this.options.startTimeoutMs} ms`;
    throw new EnvironmentError(`Could not start a Python worker with ${this.options.pythonPath}: ${why}.`, hintFor(this.stderrTail));
  }
}

function parseHandshake(line: string): ReadyHandshake | undefined {
  if (!line.startsWith("{")) return undefined;
  try {
    const value = JSON.parse(line) as Partial<ReadyHandshake>;
    return value.event === "ready" && typeof value.address === "string" ? (value as ReadyHandshake) : undefined;
  } catch {
    return undefined;
  }
}

function hintFor(stderr: string): string {
  const tail = stderr ? `Worker stderr (last lines):\n${stderr}` : "The worker wrote nothing to stderr.";
  if (/No module named ['"]?snakepit_bridge/.test(stderr)) {
    return `The interpreter does not have the Snakepit bridge installed. Run \`npx snakepit sync\` (or ensure the environment with an EnvironmentManager) so the bridge is installed into it.\n\n${tail}`;
  }
  if (/No module named ['"]?(grpc|msgpack|google)/.test(stderr)) {
    return `The bridge's own dependencies (grpcio, protobuf, msgpack) are missing from the interpreter. Re-sync the environment.\n\n${tail}`;
  }
  return tail;
}
