import { execa } from "execa";
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const repositoryRoot = fileURLToPath(new URL("../..", import.meta.url));
const workRoot = join(repositoryRoot, "e2e", ".work");

/**
 * A user's project, made from nothing inside e2e/.work so that Node resolves
 * `snakepit` and `@snakepit/core` from the workspace, as an installed copy would.
 */
export class TemporaryProject {
  private constructor(readonly dir: string) {}

  static async create(name: string): Promise<TemporaryProject> {
    const dir = join(workRoot, name);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    const project = new TemporaryProject(dir);
    await project.write("tsconfig.json", JSON.stringify({
      compilerOptions: {
        target: "ES2023", lib: ["ESNext"], module: "NodeNext", moduleResolution: "NodeNext", types: ["node"],
        strict: true, skipLibCheck: true, outDir: "dist", rootDir: ".", verbatimModuleSyntax: true,
      },
      include: ["*.ts", "snakepit.generated/**/*.ts"],
    }, null, 2));
    await project.write("package.json", JSON.stringify({ name, private: true, type: "module" }, null, 2));
    return project;
  }

  async write(path: string, content: string): Promise<void> {
    await mkdir(dirname(join(this.dir, path)), { recursive: true });
    await writeFile(join(this.dir, path), content);
  }

  /** Runs the snakepit CLI in this project, as `npx snakepit …` would; `env` adds variables (API keys, endpoints). */
  cli(args: string[], options: { readonly env?: Readonly<Record<string, string>> } = {}) {
    return execa(process.execPath, [join(repositoryRoot, "packages", "cli", "dist", "bin.js"), ...args, "--cwd", this.dir], { reject: false, env: { CI: "true", ...options.env } });
  }

  /** The interpreter `sync` built for this project (the venv inside .snakepit/envs/<name>). */
  async environmentPython(name: string): Promise<string> {
    const folder = join(this.dir, ".snakepit", "envs", name);
    const venv = (await readdir(folder)).find((entry) => entry.startsWith("venv-"));
    if (!venv) throw new Error(`no venv in ${folder}`);
    return join(folder, venv, "bin", "python");
  }

  /** Type-checks the project with `tsc --strict` and compiles it to dist/. */
  compile() {
    return execa(process.execPath, [join(repositoryRoot, "node_modules", "typescript", "bin", "tsc"), "-p", this.dir], { reject: false });
  }

  run(script: string) {
    return execa(process.execPath, [join(this.dir, "dist", script)], { reject: false, cwd: this.dir });
  }
}

/** The fenced code blocks of a Markdown file, in order, with their language. */
export function codeBlocks(markdown: string): { language: string; code: string }[] {
  return [...markdown.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((match) => ({ language: match[1] ?? "", code: match[2] ?? "" }));
}

export { repositoryRoot };
