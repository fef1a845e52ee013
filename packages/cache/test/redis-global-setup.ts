import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of the Redis the tests use; empty when there is none. */
    redisUrl: string;
    /** Why there is no Redis, and how to get one; empty when there is one. */
    redisProblem: string;
  }
}

const installHint =
  "Install it (Debian/Ubuntu: `apt-get install -y redis-server`; macOS: `brew install redis`), " +
  "point SNAKEPIT_REDIS_URL at a running Redis, or set SNAKEPIT_SKIP_REDIS=1 to skip the Redis tests.";

/**
 * Starts a private redis-server on a free port of 127.0.0.1, with no
 * persistence, for the Redis tests, and stops it afterwards. SNAKEPIT_REDIS_URL
 * reuses a running Redis instead (the tests touch only their own namespaces);
 * SNAKEPIT_SKIP_REDIS=1 starts nothing. When redis-server is missing the
 * Redis tests fail with `redisProblem`, rather than passing silently.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  project.provide("redisUrl", "");
  project.provide("redisProblem", "");
  if (process.env.SNAKEPIT_SKIP_REDIS === "1") return undefined;
  if (process.env.SNAKEPIT_REDIS_URL) {
    project.provide("redisUrl", process.env.SNAKEPIT_REDIS_URL);
    return undefined;
  }
  if (spawnSync("redis-server", ["--version"]).error) {
    project.provide("redisProblem", `redis-server was not found on PATH, and the Redis cache tests need it. ${installHint}`);
    return undefined;
  }
  const { server, port } = await startRedis();
  project.provide("redisUrl", `redis://127.0.0.1:${port}`);
  return async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    const exited = once(server, "exit");
    server.kill("SIGTERM");
    await exited;
  };
}

async function startRedis(attempts = 3): Promise<{ server: ChildProcess; port: number }> {
  const port = await freePort();
  const server = spawn("redis-server", ["--bind", "127.0.0.1", "--port", String(port), "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const ready = new Promise<boolean>((resolve) => {
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
    server.once("exit", () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
  if (await ready) return { server, port };
  server.kill("SIGKILL");
  // The port may have been taken between probing and binding: try another one.
  if (attempts > 1) return startRedis(attempts - 1);
  throw new Error(`redis-server did not start on 127.0.0.1:${port}. Its output:\n${output}\n${installHint}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("could not find a free port"))));
    });
  });
}
