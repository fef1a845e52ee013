import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  adoptStagedFiles, commitBuild, inNewBuildFolder, reuseCurrentLock, runCommand, withStagingFolder,
  type EnvironmentLayout, type StagingFolder,
} from "@snakepit/adapter-kit";
import type { Environment, EnvironmentOperationOptions, EnvironmentSpec } from "@snakepit/core";
import { condaFailure } from "./conda-failure.js";
import { condaSpecs, environmentFile, lockText, pipItems, type CondaRecord } from "./environment-file.js";
import type { FoundConda } from "./find-conda.js";

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
 * lock, then pip for local projects. commitBuild makes the new prefix current
 * only when all of that succeeded.
 */
export class CondaBuild {
  constructor(private readonly input: CondaBuildInput) {}

  async lockOnly(): Promise<string> {
    return this.#staged(async (staging) => {
      await this.#resolve(staging);
      await adoptStagedFiles(this.input.layout, staging);
      return this.input.layout.lockFile;
    });
  }

  async run(): Promise<Environment> {
    const { layout, spec } = this.input;
    return this.#staged((staging) => inNewBuildFolder(layout, async (folder) => {
      if (await reuseCurrentLock(layout, staging)) {
        this.#report("locking", `conda.lock.txt matches the spec of ${spec.name}; installing exactly what it pins`);
      } else {
        await this.#resolve(staging);
      }
      this.#report("installing", `${this.input.conda.flavor} create -p ${folder.path} --file conda.lock.txt`);
      await this.#conda(["create", "-p", folder.path, "--yes", "--json", "--file", staging.lockFile, ...this.#channelArgs()], `installing environment ${spec.name}`);
      const pip = pipItems(spec);
      if (pip.length) {
        this.#report("installing", `pip install ${pip.join(" ")} (local projects)`);
        const args = ["run", "-p", folder.path, "python", "-m", "pip", "install", ...pip.flatMap((item) => item.split(" "))];
        await this.#conda(args, `installing the local projects of ${spec.name}`);
      }
      const python = (await this.#installed(folder.path)).find((item) => item.name === "python");
      return commitBuild({ ...this.input, manager: "conda", staging, folder, pythonVersion: python?.version ?? "unknown" });
    }));
  }

  async #staged<T>(work: (staging: StagingFolder) => Promise<T>): Promise<T> {
    return withStagingFolder(this.input.layout, environmentFile(this.input.spec, this.input.channels), work);
  }

  /** Resolves without installing: the LINK actions of a dry-run create are exactly what would be installed. */
  async #resolve(staging: StagingFolder): Promise<void> {
    this.#report("resolving", `solving the conda environment of ${this.input.spec.name}`);
    const stdout = await this.#conda(
      ["create", "-p", join(staging.path, "dry-run-prefix"), "--dry-run", "--yes", "--json", ...this.#channelArgs(), ...condaSpecs(this.input.spec)],
      `locking environment ${this.input.spec.name}`,
    );
    const plan = JSON.parse(stdout) as { actions?: { LINK?: CondaRecord[] } };
    await writeFile(staging.lockFile, lockText(plan.actions?.LINK ?? []));
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

  #report(phase: "resolving" | "locking" | "installing", message: string): void {
    this.input.operation.onProgress?.({ manager: "conda", phase, message });
  }
}
