import { resolve } from "node:path";
import type { EnvironmentSpec, Requirement } from "@snakepit/core";

/** A local Python project a spec installs from its folder. */
export interface LocalProject {
  /** Absolute folder of the project. */
  readonly folder: string;
  readonly editable: boolean;
}

/**
 * The spec's local projects, then the bridge when it is given as a folder:
 * both are installed from a path, so every tool treats them alike. Editable
 * unless the spec says otherwise, so edits show without reinstalling.
 *
 * @example
 * localProjects({ name: "main", projectDir: "/p", packages: [], localPackages: [{ path: "lib" }] }) // [{ folder: "/p/lib", editable: true }]
 */
export function localProjects(spec: EnvironmentSpec): LocalProject[] {
  return [
    ...(spec.localPackages ?? []).map((item) => ({ folder: resolve(spec.projectDir, item.path), editable: item.editable ?? true })),
    ...(spec.bridge && "path" in spec.bridge ? [{ folder: resolve(spec.projectDir, spec.bridge.path), editable: true }] : []),
  ];
}

/**
 * What the spec installs from the package index: its packages, then the
 * bridge when it is given as a requirement.
 *
 * @example
 * requirementsOf({ name: "main", projectDir: "/p", packages: ["six"], bridge: { requirement: "snakepit-bridge==0.1" } }) // ["six", "snakepit-bridge==0.1"]
 */
export function requirementsOf(spec: EnvironmentSpec): string[] {
  return [...spec.packages, ...(spec.bridge && "requirement" in spec.bridge ? [spec.bridge.requirement] : [])];
}

/**
 * The spec with more packages: how every manager implements add(), since the
 * spec is the source of truth and relocking keeps the other pins.
 *
 * @example
 * add(spec, packages, options) { return this.ensure(withPackages(spec, packages), options); }
 */
export function withPackages(spec: EnvironmentSpec, packages: readonly Requirement[]): EnvironmentSpec {
  return { ...spec, packages: [...spec.packages, ...packages] };
}
