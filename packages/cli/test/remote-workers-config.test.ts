import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, TransportError, defineConfig } from "@snakepit/core";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { startRemoteFleet, type RemoteWorkersConfig } from "../src/runtime/remote-workers.js";

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), "snakepit-remote-"));
  await writeFile(join(folder, "token"), "the-token\n");
});
afterEach(() => rm(folder, { recursive: true, force: true }));

const start = (remote: RemoteWorkersConfig) => startRemoteFleet(remote, { projectDir: folder });

describe("execution.remote: what is refused before anything connects", () => {
  test("an address that is not host:port, and an empty endpoint list, fail validation", () => {
    expect(() => defineConfig({ libraries: {}, execution: { remote: { endpoints: [{ address: "https://10.0.0.5" }] } } })).toThrow(/host:port/);
    expect(() => defineConfig({ libraries: {}, execution: { remote: { endpoints: [] } } })).toThrow(/at least one remote worker endpoint/);
  });

  test("no token anywhere", async () => {
    await expect(start({ endpoints: [{ address: "127.0.0.1:1" }], tokenEnv: "SNAKEPIT_TEST_NO_SUCH_TOKEN" })).rejects.toThrow(/set \$SNAKEPIT_TEST_NO_SUCH_TOKEN/);
  });

  test("plain text to another machine, unless insecure says so", async () => {
    const failure = start({ endpoints: [{ address: "127.0.0.1:1" }, { address: "10.255.255.1:50051" }], tokenFile: "token" });
    await expect(failure).rejects.toBeInstanceOf(ConfigError);
    await expect(failure).rejects.toThrow(/10\.255\.255\.1:50051 is not on this machine.*insecure: true/s);
  });

  test("a TLS file that cannot be read names the setting", async () => {
    await expect(start({ endpoints: [{ address: "127.0.0.1:1" }], tokenFile: "token", tls: { ca: "missing-ca.pem" } })).rejects.toThrow(/execution\.remote\.tls\.ca names .*missing-ca\.pem, which cannot be read \(ENOENT\)/);
  });
});

describe("execution.remote.resolveAll", () => {
  test("every address of the DNS name becomes an endpoint named after it", async () => {
    // Nothing listens on port 1: the fleet refuses to start and lists the endpoints it derived.
    const failure = start({ endpoints: [{ address: "localhost:1" }], resolveAll: true, tokenFile: "token", healthIntervalMs: 1_000 });
    await expect(failure).rejects.toBeInstanceOf(TransportError);
    await expect(failure).rejects.toThrow(/localhost\/(127\.0\.0\.1|::1) \((127\.0\.0\.1|\[::1\]):1\)/);
  });

  test("a name that does not resolve is a ConfigError saying where to look", async () => {
    await expect(start({ endpoints: [{ address: "no-such-host.invalid:50051" }], resolveAll: true, tokenFile: "token", insecure: true })).rejects.toThrow(/no-such-host\.invalid does not resolve/);
  });
});
