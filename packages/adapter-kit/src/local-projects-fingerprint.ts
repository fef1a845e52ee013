import { join } from "node:path";
import { specFingerprint, type EnvironmentSpec } from "@snakepit/core";
import { hashFile } from "./hash-file.js";
import { localProjects } from "./spec-contents.js";

/**
 * core's specFingerprint plus the pyproject.toml of each local project: their
 * dependencies are part of the environment, so editing them must rebuild it
 * although the spec did not change. `extra` is what else the adapter writes
 * into the environment (an index URL, channels).
 *
 * @example
 * const wanted = await localProjectsFingerprint(spec, indexUrl);
 */
export async function localProjectsFingerprint(spec: EnvironmentSpec, ...extra: string[]): Promise<string> {
  const hashes = await Promise.all(localProjects(spec).map((project) => hashFile(join(project.folder, "pyproject.toml"))));
  return specFingerprint(spec, ...extra, ...hashes);
}
