import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const pythonFolder = fileURLToPath(new URL("../../../../python/", import.meta.url));
const interpreter = fileURLToPath(new URL("../../../../.venv-dev/bin/python", import.meta.url));

/** Why the real worker cannot run here, or undefined when it can. */
export const workerAbsence: string | undefined = !existsSync(interpreter)
  ? `no development interpreter at ${interpreter} (create .venv-dev with the bridge's dependencies)`
  : !existsSync(join(pythonFolder, "snakepit_bridge", "__main__.py"))
    ? `the Python worker is not in ${pythonFolder}snakepit_bridge yet`
    : undefined;

/** A real snakepit_bridge worker on a Unix socket in a fresh temporary folder. */
export interface RunningWorker {
  readonly address: string;
  /** The fast-lane socket (frame_address of the ready line). */
  readonly frameAddress: string;
  readonly pid: number;
  readonly token: string;
  readonly process: ChildProcess;
  /** Kills the worker (SIGKILL) and removes its folder. */
  stop(): Promise<void>;
}

/**
 * Starts `python -m snakepit_bridge serve --socket …` and waits for its one
 * JSON "ready" line on stdout.
 */
export async function startPythonWorker(token = "integration-token"): Promise<RunningWorker> {
  const folder = mkdtempSync(join(tmpdir(), "snakepit-worker-"));
  const child = spawn(interpreter, ["-m", "snakepit_bridge", "serve", "--socket", join(folder, "w.sock"), "--frame-socket", join(folder, "w.frames.sock")], {
    cwd: pythonFolder,
    env: { ...process.env, PYTHONPATH: pythonFolder, SNAKEPIT_TOKEN: token },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
    }
    rmSync(folder, { recursive: true, force: true });
  };
  const ready = await new Promise<{ address: string; frameAddress: string; pid: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The worker printed no ready line within 20 s. stderr:\n${stderr}`)), 20_000);
    child.once("exit", (code) => reject(new Error(`The worker exited with ${code} before it was ready. stderr:\n${stderr}`)));
    createInterface({ input: child.stdout! }).once("line", (line) => {
      clearTimeout(timer);
      const event = JSON.parse(line) as { event: string; address: string; frame_address: string; pid: number };
      if (event.event === "ready") resolve({ address: event.address, frameAddress: event.frame_address, pid: event.pid });
      else reject(new Error(`Expected a ready line, got: ${line}`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { ...ready, token, process: child, stop };
}
