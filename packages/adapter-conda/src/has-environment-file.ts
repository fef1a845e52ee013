import { access } from "node:fs/promises";
import { join } from "node:path";

/**
 * Whether `projectDir` declares a conda environment (environment.yml or
 * environment.yaml), for choosing conda over the default manager.
 *
 * @example
 * if (await hasEnvironmentFile(process.cwd())) manager = new CondaEnvironmentManager();
 */
export async function hasEnvironmentFile(projectDir: string): Promise<boolean> {
  for (const name of ["environment.yml", "environment.yaml"]) {
    if (await access(join(projectDir, name)).then(() => true, () => false)) return true;
  }
  return false;
}
