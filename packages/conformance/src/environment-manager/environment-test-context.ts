import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EnvironmentManager, EnvironmentSpec, ProgressEvent } from "@snakepit/core";
import type { TestApi } from "../test-api.js";

/** Builds the manager under test; `indexUrl` set means "use this package index instead of the usual one". */
export type EnvironmentManagerFactory = (context: { readonly indexUrl?: string }) => Promise<EnvironmentManager> | EnvironmentManager;

/** The distributions the suite installs; small wheels, so a real manager runs the suite in seconds. */
export interface SuitePackages {
  /** Default "six". */
  readonly first: string;
  /** Default "idna". */
  readonly second: string;
  /** An older release of `first`, for the pinned-version test; default "1.16.0". */
  readonly firstOlderVersion: string;
  /** A name no index has. */
  readonly missing: string;
}

/** A temporary project folder for one test, and helpers around it. */
export interface SuiteProject {
  readonly projectDir: string;
  /** A spec in this project; the suite's python and bridge are filled in. */
  spec(packages: readonly string[], overrides?: Partial<EnvironmentSpec>): EnvironmentSpec;
  /** Collects progress events; pass `progress.options` to an operation. */
  recorder(): { readonly events: ProgressEvent[]; readonly options: { onProgress: (event: ProgressEvent) => void } };
  /** Every file and folder under `.snakepit/envs` (two levels), to prove a failure wrote nothing. */
  snapshot(): Promise<string[]>;
}

export interface EnvironmentTestContext {
  readonly test: (name: string, body: (manager: EnvironmentManager, project: SuiteProject) => Promise<void>) => void;
  readonly factory: EnvironmentManagerFactory;
  readonly packages: SuitePackages;
}

export interface EnvironmentTestContextOptions {
  readonly timeoutMs: number;
  readonly packages: SuitePackages;
  readonly python?: string;
  readonly bridge?: EnvironmentSpec["bridge"];
}

/** Wraps the runner's `test`: each test gets a fresh manager and a temporary project folder, deleted afterwards. */
export function environmentTestContext(test: TestApi, factory: EnvironmentManagerFactory, options: EnvironmentTestContextOptions): EnvironmentTestContext {
  return {
    factory,
    packages: options.packages,
    test: (name, body) =>
      test(`environment manager › ${name}`, async () => {
        const projectDir = await mkdtemp(join(tmpdir(), "snakepit-env-suite-"));
        try {
          await body(await factory({}), suiteProject(projectDir, options));
        } finally {
          await rm(projectDir, { recursive: true, force: true });
        }
      }, options.timeoutMs),
  };
}

function suiteProject(projectDir: string, options: EnvironmentTestContextOptions): SuiteProject {
  return {
    projectDir,
    spec: (packages, overrides = {}) => ({
      name: "suite",
      projectDir,
      packages,
      ...(options.python ? { python: options.python } : {}),
      ...(options.bridge ? { bridge: options.bridge } : {}),
      ...overrides,
    }),
    recorder: () => {
      const events: ProgressEvent[] = [];
      return { events, options: { onProgress: (event: ProgressEvent) => void events.push(event) } };
    },
    snapshot: async () => {
      const root = join(projectDir, ".snakepit", "envs");
      const top = await readdir(root).catch(() => [] as string[]);
      const nested = await Promise.all(top.map(async (entry) =>
        [entry, ...(await readdir(join(root, entry)).catch(() => [] as string[])).map((child) => `${entry}/${child}`)]));
      return nested.flat().sort();
    },
  };
}

/** "Scikit_Learn" → "scikit-learn": PEP 503 normalisation, so names compare across managers. */
export function normalizedName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}

/** A URL on 127.0.0.1 where nothing listens: an index that refuses connections at once. */
export async function closedPortUrl(): Promise<string> {
  const { createServer } = await import("node:net");
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const port = typeof address === "object" && address ? address.port : 9;
  return `http://127.0.0.1:${port}/simple`;
}
