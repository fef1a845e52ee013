import type { EnvironmentSpec } from "@snakepit/core";
import { changeTests } from "./environment-manager/change-tests.js";
import { concurrencyTests } from "./environment-manager/concurrency-tests.js";
import { createTests } from "./environment-manager/create-tests.js";
import { environmentTestContext, type EnvironmentManagerFactory, type SuitePackages } from "./environment-manager/environment-test-context.js";
import { failureTests } from "./environment-manager/failure-tests.js";
import type { TestApi } from "./test-api.js";

/** Groups of the environment manager suite, and what it installs. Every flag defaults to true. */
export interface EnvironmentManagerSuiteOptions {
  /** lock() writes a lock file. */
  readonly lockfile?: boolean;
  /** add() is supported. */
  readonly add?: boolean;
  /** The factory honours `indexUrl`, so an unreachable index can be simulated. */
  readonly unreachableIndex?: boolean;
  /** Environments are real folders (roots, lock files and `.snakepit/envs` on disk). */
  readonly onDisk?: boolean;
  /** environment.pythonPath is a real interpreter that imports what was installed. */
  readonly runsPython?: boolean;
  /** Local projects install editable. */
  readonly localPackages?: boolean;
  /** Conflicting version pins are detected (a resolver runs). */
  readonly conflicts?: boolean;
  /** Two managers ensuring the same environment at once. */
  readonly concurrency?: boolean;
  /** Python request put in every spec; absent = the manager's default interpreter. */
  readonly python?: string;
  /** Bridge put in every spec; when set, the suite checks it is installed. */
  readonly bridge?: EnvironmentSpec["bridge"];
  /** Distributions to install; defaults are small wheels (six, idna). */
  readonly packages?: Partial<SuitePackages>;
  /** Per-test timeout; default 120 s, since real managers install packages. */
  readonly timeoutMs?: number;
}

/**
 * Registers the EnvironmentManager conformance tests: create, idempotent
 * ensure, add, lock, listInstalled, remove, local editable projects, clear
 * errors for a missing package, conflicting pins and an unreachable index,
 * nothing half-written after a failure, and concurrent ensure(). Each test
 * gets a fresh manager and a temporary project folder.
 *
 * @example
 * import { test } from "vitest";
 * import { FakeEnvironmentManager } from "@snakepit/core/testing";
 * import { environmentManagerSuite } from "@snakepit/conformance";
 *
 * environmentManagerSuite(test, ({ indexUrl }) => new FakeEnvironmentManager({ knownPackages: ["six", "idna"], offline: Boolean(indexUrl) }),
 *   { onDisk: false, runsPython: false, localPackages: false, conflicts: false });
 */
export function environmentManagerSuite(test: TestApi, factory: EnvironmentManagerFactory, options: EnvironmentManagerSuiteOptions = {}): void {
  const enabled = (flag: "lockfile" | "add" | "unreachableIndex" | "onDisk" | "runsPython" | "localPackages" | "concurrency" | "conflicts") => options[flag] ?? true;
  const packages: SuitePackages = {
    first: "six", second: "idna", firstOlderVersion: "1.16.0", missing: "snakepit-no-such-package-4e1c",
    ...options.packages,
  };
  const context = environmentTestContext(test, factory, {
    timeoutMs: options.timeoutMs ?? 120_000,
    packages,
    ...(options.python ? { python: options.python } : {}),
    ...(options.bridge ? { bridge: options.bridge } : {}),
  });
  createTests(context, { runsPython: enabled("runsPython"), bridge: options.bridge !== undefined });
  changeTests(context, { add: enabled("add"), lockfile: enabled("lockfile"), onDisk: enabled("onDisk"), localPackages: enabled("localPackages") });
  failureTests(context, { unreachableIndex: enabled("unreachableIndex"), conflicts: enabled("conflicts") });
  if (enabled("concurrency")) concurrencyTests(context);
}

export type { EnvironmentManagerFactory, SuitePackages } from "./environment-manager/environment-test-context.js";
