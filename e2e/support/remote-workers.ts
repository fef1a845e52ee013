import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";

/** PEM files of a test PKI: one CA, a server certificate for the worker hosts, a client certificate. */
export interface TestCertificates {
  readonly ca: string;
  readonly serverCert: string;
  readonly serverKey: string;
  readonly clientCert: string;
  readonly clientKey: string;
}

function openssl(folder: string, ...args: string[]): void {
  execFileSync("openssl", args, { cwd: folder, stdio: "pipe" });
}

/**
 * Makes a CA and, signed by it, a server certificate valid for `hosts`
 * (IP addresses) and a client certificate, with openssl, in `folder`.
 * `name` keeps two PKIs in one folder apart (the "wrong CA" test).
 */
export function makeCertificates(folder: string, name: string, hosts: readonly string[]): TestCertificates {
  const file = (suffix: string) => join(folder, `${name}-${suffix}`);
  openssl(folder, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", `/CN=${name} test CA`, "-keyout", file("ca.key"), "-out", file("ca.pem"));
  const sign = (role: string, extension: string) => {
    writeFileSync(file(`${role}.ext`), `${extension}\n`);
    openssl(folder, "req", "-newkey", "rsa:2048", "-nodes", "-subj", `/CN=${name} ${role}`, "-keyout", file(`${role}.key`), "-out", file(`${role}.csr`));
    openssl(folder, "x509", "-req", "-in", file(`${role}.csr`), "-CA", file("ca.pem"), "-CAkey", file("ca.key"), "-CAcreateserial", "-days", "2", "-extfile", file(`${role}.ext`), "-out", file(`${role}.pem`));
  };
  sign("server", `subjectAltName=${hosts.map((host) => `IP:${host}`).join(",")},DNS:snakepit-worker`);
  sign("client", "extendedKeyUsage=clientAuth");
  return { ca: file("ca.pem"), serverCert: file("server.pem"), serverKey: file("server.key"), clientCert: file("client.pem"), clientKey: file("client.key") };
}

/** The TLS options of a client holding `certificates`' client certificate. */
export function clientTls(certificates: TestCertificates): { ca: string; cert: string; key: string } {
  return { ca: readFileSync(certificates.ca, "utf8"), cert: readFileSync(certificates.clientCert, "utf8"), key: readFileSync(certificates.clientKey, "utf8") };
}

/** A standalone worker, as an operator would run it on another machine. */
export interface RemoteWorker {
  readonly address: string;
  readonly pid: number;
  readonly process: ChildProcess;
  /** SIGKILL, resolved when the process is gone. */
  kill(): Promise<void>;
}

export interface RemoteWorkerOptions {
  readonly pythonPath: string;
  /** "127.0.0.2:0" (port 0 picks one) or a fixed "host:port" (to restart a host at the same address). */
  readonly listen: string;
  readonly certificates: TestCertificates;
  readonly tokenFile: string;
  readonly env?: Readonly<Record<string, string>>;
}

/** Starts `python -m snakepit_bridge serve --listen … --tls-* … --token-file …` and waits for its ready line. */
export async function startRemoteWorker(options: RemoteWorkerOptions): Promise<RemoteWorker> {
  const { certificates } = options;
  const child = spawn(options.pythonPath, [
    "-m", "snakepit_bridge", "serve", "--listen", options.listen, "--token-file", options.tokenFile,
    "--tls-cert", certificates.serverCert, "--tls-key", certificates.serverKey, "--tls-client-ca", certificates.ca,
  ], { env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"] });
  const stderr: string[] = [];
  child.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once("line", (first) => resolve(first));
    child.once("exit", (code) => reject(new Error(`the worker on ${options.listen} exited (${code}) before it was ready:\n${stderr.join("")}`)));
  });
  const ready = JSON.parse(line) as { address: string; pid: number };
  return {
    address: ready.address,
    pid: ready.pid,
    process: child,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}
