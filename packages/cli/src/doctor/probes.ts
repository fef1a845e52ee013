import { execFile } from "node:child_process";
import { connect } from "node:net";
import type { ManagerDetection } from "@snakepit/core";
import { selectEnvironmentManager, sharedToolsDir, type ManagerChoice } from "../runtime/select-environment-manager.js";

/** What doctor asks the machine; injectable so the checks are testable without Python, uv or Redis. */
export interface DoctorProbes {
  /** `python3 --version`, or undefined when there is none on PATH. */
  pythonVersion(): Promise<string | undefined>;
  /** Whether uv is usable (found, or bootstrapped). */
  detectUv(projectDir: string): Promise<ManagerDetection>;
  /** Resolves when a Redis server answers PING at `url`; rejects with the reason otherwise. */
  pingRedis(url: string): Promise<void>;
  /** Which environment manager the selection chain picks for the project, and why. */
  selectManager?(projectDir: string, choice: ManagerChoice | undefined): Promise<{ readonly name: string; readonly reason: string }>;
}

export const defaultProbes: DoctorProbes = {
  pythonVersion: () => new Promise((resolve) => {
    execFile("python3", ["--version"], { timeout: 10_000 }, (error, stdout, stderr) => resolve(error ? undefined : `${stdout}${stderr}`.trim().replace(/^Python\s+/, "")));
  }),
  async detectUv(projectDir) {
    const { UvEnvironmentManager } = await import("@snakepit/adapter-uv");
    void projectDir;
    return new UvEnvironmentManager({ toolsDir: sharedToolsDir() }).detect();
  },
  async selectManager(projectDir, choice) {
    const { manager, reason } = await selectEnvironmentManager({ projectDir, ...(choice ? { choice } : {}) });
    return { name: manager.name, reason };
  },
  pingRedis,
};

/** A raw RESP PING: no Redis client needed just to ask "are you there?". */
function pingRedis(url: string): Promise<void> {
  const parsed = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: parsed.hostname || "localhost", port: Number(parsed.port || 6379) });
    const fail = (reason: string) => {
      socket.destroy();
      reject(new Error(reason));
    };
    socket.setTimeout(3_000, () => fail("no answer within 3 s"));
    socket.once("error", (error) => fail(error.message));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => {
      socket.end();
      const answer = data.toString();
      // -NOAUTH still proves a Redis server is listening; the cache adapter authenticates with the URL.
      if (answer.startsWith("+PONG") || answer.startsWith("-NOAUTH")) resolve();
      else fail(`unexpected answer ${JSON.stringify(answer.trim())}`);
    });
  });
}
