import { randomUUID } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile, copyFile } from "node:fs/promises";
import { join } from "node:path";
import type { Environment, EnvironmentOperationOptions, EnvironmentSpec } from "@snakepit/core";
import { condaFailure } from "./conda-failure.js";
import { prefixPython, type EnvironmentLayout } from "./environment-layout.js";
import { condaSpecs, environmentFile, lockText, pipItems, type CondaRecord } from "./environment-file.js";
import { environmentFingerprint, hashFile, writeEnvironmentState } from "./environment-state.js";
import type { FoundConda } from "./find-conda.js";
import { runCommand } from "./run-command.js";

export interface CondaBuildInput {
  readonly spec: EnvironmentSpec;
  readonly layout: EnvironmentLayout;
  readonly specFingerprint: string;
  readonly conda: FoundConda;
  readonly channels: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly operation: EnvironmentOperationOptions;
}

/**
 * One change to a conda environment, run while holding its lock: resolve with
 * `create --dry-run --json` into conda.lock.txt (skipped when the lock was
 * made from this very environment.yml), `create -p <new prefix> --file` the
 * lock, then pip for local projects. The new prefix replaces the current one
 * only when all of that succeeded.
 */
export class CondaBuild {
  constructor(private readonly input: CondaBuildInput) {}

  async lockOnly(): Promise<string> {
    return this.#staged(async (staging) => {
      await this.#resolve(staging);
      await this.#adoptFiles(staging);
      return this.input.layout.lockFile;
    });
  }

  async run(): Promise<Environment> {
    const { layout, spec } = this.input;
    return this.#staged(async (staging) => {
      const prefixName = `prefix-${randomUUID().slice(0, 8)}`;
      const root = join(layout.environmentDir, prefixName);
      const createdEnvironmentDir = !(await exists(layout.environmentDir));
      try {
        const current = await readFile(layout.environmentFile, "utf8").catch(() => undefined);
        if (current === (await readFile(join(staging, "environment.yml"), "utf8")) && (await exists(layout.lockFile))) {
          this.#report("locking", `conda.lock.txt matches the spec of ${spec.name}; installing exactly what it pins`);
          await copyFile(layout.lockFile, join(staging, "conda.lock.txt"));
        } else {
          await this.#resolve(staging);
        }
        await mkdir(layout.environmentDir, { recursive: true });
        this.#report("installing", `${this.input.conda.flavor} create -p ${root} --file conda.lock.txt`);
        await this.#conda(["create", "-p", root, "--yes", "--json", "--file", join(staging, "conda.lock.txt"), ...this.#channelArgs()], `installing environment ${spec.name}`);
        const pip = pipItems(spec);
        if (pip.length) {
          this.#report("installing", `pip install ${pip.join(" ")} (local projects)`);
          const args = ["run", "-p", root, "python", "-m", "pip", "install", ...pip.flatMap((item) => item.split(" "))];
          await this.#conda(args, `installing the local projects of ${spec.name}`);
        }
        await this.#adoptFiles(staging);
        const python = (await this.#installed(root)).find((item) => item.name === "python");
        const pythonVersion = python?.version ?? "unknown";
        const state = { specFingerprint: this.input.specFingerprint, lockHash: await hashFile(layout.lockFile), venv: prefixName, pythonVersion };
        await writeEnvironmentState(layout.stateFile, state);
        await removeOtherPrefixes(layout.environmentDir, prefixName);
        this.#report("done", `environment ${spec.name} ready (Python ${pythonVersion})`);
        return {
          name: spec.name, manager: "conda", root, pythonPath: prefixPython(root), pythonVersion,
          fingerprint: environmentFingerprint(state), lockfile: layout.lockFile,
        };
      } catch (error) {
        await rm(createdEnvironmentDir ? layout.environmentDir : root, { recursive: true, force: true });
        throw error;
      }
    });
  }

  async #staged<T>(work: (staging: string) => Promise<T>): Promise<T> {
    const { layout, spec, channels } = this.input;
    const staging = join(layout.environmentsDir, `.staging-${spec.name}-pid${process.pid}-${randomUUID().slice(0, 8)}`);
    await mkdir(staging, { recursive: true });
    try {
      await writeFile(join(staging, "environment.yml"), environmentFile(spec, channels));
      return await work(staging);
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }

  /** Resolves without installing: the LINK actions of a dry-run create are exactly what would be installed. */
  async #resolve(staging: string): Promise<void> {
    this.#report("resolving", `solving the conda environment of ${this.input.spec.name}`);
    const stdout = await this.#conda(
      ["create", "-p", join(staging, "dry-run-prefix"), "--dry-run", "--yes", "--json", ...this.#channelArgs(), ...condaSpecs(this.input.spec)],
      `locking environment ${this.input.spec.name}`,
    );
    const plan = JSON.parse(stdout) as { actions?: { LINK?: CondaRecord[] } };
    await writeFile(join(staging, "conda.lock.txt"), lockText(plan.actions?.LINK ?? []));
  }

  async #installed(root: string): Promise<CondaRecord[]> {
    return JSON.parse(await this.#conda(["list", "-p", root, "--json"], "listing the new environment")) as CondaRecord[];
  }

  #channelArgs(): string[] {
    return [...this.input.channels.flatMap((channel) => ["-c", channel]), "--override-channels"];
  }

  async #conda(args: string[], action: string): Promise<string> {
    const { conda, env, operation, channels } = this.input;
    const result = await runCommand(conda.executable, args, { env, ...(operation.signal ? { signal: operation.signal } : {}) });
    if (result.exitCode !== 0) throw condaFailure(action, channels, result.stdout, result.spawnError ?? result.stderr);
    return result.stdout;
  }

  async #adoptFiles(staging: string): Promise<void> {
    const { layout } = this.input;
    await mkdir(layout.environmentDir, { recursive: true });
    await rename(join(staging, "environment.yml"), layout.environmentFile);
    await rename(join(staging, "conda.lock.txt"), layout.lockFile);
  }

  #report(phase: "resolving" | "locking" | "installing" | "done", message: string): void {
    this.input.operation.onProgress?.({ manager: "conda", phase, message });
  }
}

async function removeOtherPrefixes(environmentDir: string, keep: string): Promise<void> {
  const entries = await readdir(environmentDir);
  await Promise.all(entries.filter((entry) => entry.startsWith("prefix-") && entry !== keep)
    .map((entry) => rm(join(environmentDir, entry), { recursive: true, force: true })));
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}
