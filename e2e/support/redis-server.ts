import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";

/** A throwaway redis-server on 127.0.0.1, no persistence. */
export interface RunningRedis {
  readonly url: string;
  stop(): Promise<void>;
}

/** Why no Redis can be started here, or undefined when redis-server is on PATH. */
export const redisAbsence: string | undefined = spawnSync("redis-server", ["--version"]).error
  ? "redis-server is not on PATH (Debian/Ubuntu: apt-get install -y redis-server; macOS: brew install redis)"
  : undefined;

/** Starts redis-server on a free loopback port and waits until it accepts connections. */
export async function startRedis(): Promise<RunningRedis> {
  const port = await freePort();
  const server = spawn("redis-server", ["--bind", "127.0.0.1", "--port", String(port), "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const ready = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 10_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) {
        clearTimeout(timer);
        resolve(true);
      }
    };
    server.stdout?.on("data", onData);
    server.stderr?.on("data", onData);
    server.once("exit", () => resolve(false));
  });
  if (!ready) {
    server.kill("SIGKILL");
    throw new Error(`redis-server did not start on 127.0.0.1:${port}:\n${output}`);
  }
  return { url: `redis://127.0.0.1:${port}`, stop: () => stop(server) };
}

async function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = once(server, "exit");
  server.kill("SIGTERM");
  await exited;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === "object" ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}
