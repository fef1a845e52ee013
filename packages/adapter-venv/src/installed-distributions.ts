import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { InstalledPackage } from "@snakepit/core";

/**
 * The distributions installed in a venv, read from the `*.dist-info` folders
 * of its site-packages (their METADATA, and direct_url.json for editable
 * installs). No pip needed: environments made with `--without-pip` have none,
 * and reading files is faster than starting Python.
 */
export async function installedDistributions(venvRoot: string): Promise<InstalledPackage[]> {
  const installed: InstalledPackage[] = [];
  for (const sitePackages of await sitePackagesFolders(venvRoot)) {
    for (const entry of await readdir(sitePackages)) {
      if (!entry.endsWith(".dist-info")) continue;
      const folder = join(sitePackages, entry);
      const metadata = await readFile(join(folder, "METADATA"), "utf8").catch(() => "");
      const name = /^Name:\s*(.+)$/m.exec(metadata)?.[1]?.trim();
      const version = /^Version:\s*(.+)$/m.exec(metadata)?.[1]?.trim();
      if (!name || !version) continue;
      const editablePath = await editableLocation(folder);
      installed.push({ name, version, ...(editablePath ? { editablePath } : {}) });
    }
  }
  return installed.sort((left, right) => left.name.localeCompare(right.name));
}

async function sitePackagesFolders(venvRoot: string): Promise<string[]> {
  if (process.platform === "win32") return [join(venvRoot, "Lib", "site-packages")];
  const libraries = await readdir(join(venvRoot, "lib")).catch(() => [] as string[]);
  return libraries.filter((entry) => entry.startsWith("python")).map((entry) => join(venvRoot, "lib", entry, "site-packages"));
}

/** The project folder of a PEP 660 editable install, from direct_url.json. */
async function editableLocation(distInfo: string): Promise<string | undefined> {
  try {
    const direct = JSON.parse(await readFile(join(distInfo, "direct_url.json"), "utf8")) as { url?: string; dir_info?: { editable?: boolean } };
    return direct.dir_info?.editable && direct.url?.startsWith("file:") ? fileURLToPath(direct.url) : undefined;
  } catch {
    return undefined;
  }
}
