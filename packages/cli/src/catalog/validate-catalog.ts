import {
  NotFoundError, PythonError, type CallableDescription, type Catalog, type ClassDescription, type Description,
  type Introspector, type LibrarySpec, type ModuleDescription,
} from "@snakepit/core";
import type { LockedClass, LockedFunction, LockedLibrary, LockedModule } from "../lock/catalog-lock.js";
import type { CatalogProblem } from "./catalog-problem.js";
import { declaredLibrary, type DeclaredCallable, type DeclaredClass, type DeclaredLibrary } from "./declared-items.js";
import { diagnoseMissing } from "./diagnose-missing.js";
import { suggestName } from "./suggest-name.js";
import { normaliseName, requirementName, unsatisfiedSpecifier } from "./requirement-check.js";

/** The outcome of checking a catalog against the installed libraries. */
export interface CatalogValidation {
  /** Every problem found; empty means the catalog is valid. */
  readonly problems: readonly CatalogProblem[];
  /** Things worth knowing that do not stop a sync (a member of a whole module that could not be described). */
  readonly warnings: readonly string[];
  /** What was learned, per library key; complete only when there are no problems. */
  readonly libraries: Readonly<Record<string, LockedLibrary>>;
}

export interface ValidateOptions {
  readonly signal?: AbortSignal;
  /** Called before each library is checked, for progress display. */
  readonly onLibrary?: (key: string, index: number, total: number) => void;
}

/**
 * Introspects every declared item of every library and reports, all at once,
 * what is missing, misspelled, not callable or declared in the wrong section.
 * Nothing is called: only `Introspector.describe`.
 *
 * @example
 * const { problems, libraries } = await validateCatalog(config.libraries, py);
 * if (problems.length) throw new CatalogError("The catalog does not match the installed libraries:", problems.map(formatProblem));
 */
export async function validateCatalog(catalog: Catalog, introspector: Introspector, options: ValidateOptions = {}): Promise<CatalogValidation> {
  const problems: CatalogProblem[] = [];
  const warnings: string[] = [];
  const libraries: Record<string, LockedLibrary> = {};
  const entries = Object.entries(catalog);
  for (const [index, [key, spec]] of entries.entries()) {
    options.onLibrary?.(key, index, entries.length);
    const checker = new LibraryChecker(declaredLibrary(key, spec), spec, introspector, options.signal);
    const locked = await checker.check();
    problems.push(...checker.problemsInDeclarationOrder());
    warnings.push(...checker.warnings);
    if (locked) libraries[key] = locked;
  }
  return { problems, warnings, libraries };
}

/** Checks one library; collects problems instead of stopping at the first. */
class LibraryChecker {
  readonly problems: CatalogProblem[] = [];
  readonly warnings: string[] = [];
  #module: ModuleDescription | undefined;

  constructor(
    private readonly library: DeclaredLibrary,
    private readonly spec: LibrarySpec,
    private readonly introspector: Introspector,
    private readonly signal: AbortSignal | undefined,
  ) {}

  /** Problems in the order the names appear in the config (checks run concurrently and finish in any order). */
  problemsInDeclarationOrder(): CatalogProblem[] {
    const order = [
      ...this.library.functions.map((entry) => entry.name),
      ...this.library.classes.flatMap((entry) => [entry.name, ...(entry.methods ?? []).map((method) => `${entry.name}.${method.name}`)]),
      ...this.library.modules,
    ];
    const rank = (problem: CatalogProblem) => order.indexOf(problem.declared);
    return [...this.problems].sort((left, right) => rank(left) - rank(right));
  }

  async check(): Promise<LockedLibrary | undefined> {
    const root = await this.#describe(this.library.module, true);
    if (!root.ok || root.description.kind !== "module") {
      const reason = root.ok ? `it is a ${root.description.kind}, not a module` : root.reason;
      this.#problem(this.library.module, this.library.module, "import-failed",
        `module "${this.library.module}" could not be imported: ${reason}. Set "module" to the name you would \`import\` in Python (scikit-learn → "sklearn") and check that "package" installs it; nothing else of this library was checked.`);
      return undefined;
    }
    this.#module = root.description;
    this.#checkVersion();
    const [functions, classes, modules] = await Promise.all([
      Promise.all(this.library.functions.map((entry) => this.#function(entry))),
      Promise.all(this.library.classes.map((entry) => this.#class(entry))),
      Promise.all(this.library.modules.map((name) => this.#wholeModule(name))),
    ]);
    return {
      module: this.library.module,
      ...(this.spec.package ? { requirement: this.spec.package } : {}),
      ...(this.spec.path ? { path: this.spec.path } : {}),
      ...(this.#module.distribution ? { distribution: this.#module.distribution } : {}),
      functions: functions.filter((item) => item !== undefined),
      classes: classes.filter((item) => item !== undefined),
      modules: modules.filter((item) => item !== undefined),
    };
  }

  #checkVersion(): void {
    const distribution = this.#module?.distribution;
    const requirement = this.spec.package;
    if (!distribution || !requirement || normaliseName(distribution.name) !== requirementName(requirement)) return;
    const failed = unsatisfiedSpecifier(requirement, distribution.version);
    if (failed) {
      this.#problem(requirement, this.library.module, "version-mismatch",
        `the environment has ${distribution.name} ${distribution.version}, which does not satisfy "${failed}". Run \`snakepit sync\` again to reinstall, or relax the requirement.`);
    }
  }

  async #function(entry: DeclaredCallable): Promise<LockedFunction | undefined> {
    const description = await this.#resolve(entry.name);
    if (!description) return undefined;
    if (description.kind !== "function") {
      this.#wrongKind(entry.name, description, "functions");
      return undefined;
    }
    return { declared: entry.name, description, ...(entry.types ? { types: entry.types } : {}), ...(entry.policy ? { policy: entry.policy } : {}) };
  }

  async #class(entry: DeclaredClass): Promise<LockedClass | undefined> {
    const description = await this.#resolve(entry.name);
    if (!description) return undefined;
    if (description.kind !== "class") {
      this.#wrongKind(entry.name, description, "classes");
      return undefined;
    }
    if (!entry.methods) return { declared: entry.name, description };
    const byName = new Map(description.methods.map((method) => [method.name, method]));
    const methods: CallableDescription[] = [];
    const methodTypes: Record<string, NonNullable<DeclaredCallable["types"]>> = {};
    for (const method of entry.methods) {
      const found = byName.get(method.name);
      if (!found) {
        this.#missingMethod(entry.name, method.name, description);
        continue;
      }
      methods.push(found);
      if (method.types) methodTypes[method.name] = method.types;
    }
    return { declared: entry.name, description: { ...description, methods }, ...(Object.keys(methodTypes).length ? { methodTypes } : {}) };
  }

  async #wholeModule(name: string): Promise<LockedModule | undefined> {
    const path = `${this.library.module}.${name}`;
    const found = await this.#describe(path, true);
    if (!found.ok) {
      if (found.missing) this.problems.push(await this.#diagnose(name));
      else this.#problem(name, path, "import-failed", `importing ${path} failed: ${found.reason}`);
      return undefined;
    }
    if (found.description.kind !== "module") {
      this.#wrongKind(name, found.description, "modules");
      return undefined;
    }
    const members = (found.description.members ?? []).filter((member) => (member.kind === "function" || member.kind === "class") && !member.name.startsWith("_"));
    const described = await Promise.all(members.map(async (member) => {
      const result = await this.#describe(`${path}.${member.name}`, false);
      if (!result.ok) this.warnings.push(`libraries.${this.library.key}: ${path}.${member.name} is listed by the module but could not be described (${result.reason}); it is left out of the wrappers.`);
      return result.ok ? result.description : undefined;
    }));
    const { members: _members, ...description } = found.description;
    return {
      declared: name,
      description,
      functions: described.filter((item): item is CallableDescription => item?.kind === "function"),
      classes: described.filter((item): item is ClassDescription => item?.kind === "class"),
    };
  }

  /** The description of a declared name, or undefined after recording why there is none. */
  async #resolve(declared: string): Promise<Description | undefined> {
    const path = `${this.library.module}.${declared}`;
    const found = await this.#describe(path, false);
    if (found.ok) return found.description;
    if (found.missing) this.problems.push(await this.#diagnose(declared));
    else this.#problem(declared, path, "import-failed", `introspecting ${path} failed: ${found.reason}`);
    return undefined;
  }

  #diagnose(declared: string): Promise<CatalogProblem> {
    return diagnoseMissing({
      library: this.library.key, module: this.library.module, declared,
      ...(this.#module?.distribution ? { distribution: this.#module.distribution } : {}),
      ...(this.signal ? { signal: this.signal } : {}),
    }, this.introspector);
  }

  #missingMethod(className: string, method: string, description: ClassDescription): void {
    const declared = `${className}.${method}`;
    const path = `${description.path}.${method}`;
    const match = suggestName(method, description.methods.map((candidate) => candidate.name));
    const version = this.#module?.distribution ? ` in the installed ${this.#module.distribution.name} ${this.#module.distribution.version}` : "";
    if (match) {
      this.#problem(declared, path, "misspelled", `${description.path} has no method "${method}"${version}; did you mean "${match}"?`, `${className}.${match}`);
    } else {
      this.#problem(declared, path, "missing", `${description.path} has no public method "${method}"${version} (properties and attributes are not methods: read them with \`remote.get("${method}")\`). Remove it from "methods".`);
    }
  }

  #wrongKind(declared: string, description: Description, section: "functions" | "classes" | "modules"): void {
    const path = description.path;
    if (description.kind === "attribute") {
      this.#problem(declared, path, "not-callable", `${path} is a ${description.type} value, not callable; read it with \`py.getAttribute("${path}")\` instead of declaring it.`);
      return;
    }
    const belongs = description.kind === "function" ? "functions" : description.kind === "class" ? "classes" : "modules";
    const kind = description.kind === "function" ? "function" : description.kind;
    if (section !== "modules" && description.kind === "module") {
      this.#problem(declared, path, "not-callable", `${path} is a module, which cannot be called; list it under "modules" to import every public function of it.`);
      return;
    }
    this.#problem(declared, path, "wrong-kind", `${path} is a ${kind}, declared under "${section}"; move it to "${belongs}".`);
  }

  #problem(declared: string, path: string, kind: CatalogProblem["kind"], message: string, suggestion?: string): void {
    this.problems.push({ library: this.library.key, declared, path, kind, message, ...(suggestion ? { suggestion } : {}) });
  }

  async #describe(path: string, members: boolean): Promise<{ ok: true; description: Description } | { ok: false; missing: boolean; reason: string }> {
    try {
      return { ok: true, description: await this.introspector.describe(path, { members, ...(this.signal ? { signal: this.signal } : {}) }) };
    } catch (error) {
      if (error instanceof NotFoundError) return { ok: false, missing: true, reason: error.message };
      // Python raised while importing or inspecting (ImportError, a broken lazy attribute): a catalog problem.
      // Anything else (a crashed worker, a timeout, an abort) is not about the catalog and propagates.
      if (!(error instanceof PythonError)) throw error;
      return { ok: false, missing: false, reason: error instanceof Error ? error.message.split("\n")[0] ?? error.message : String(error) };
    }
  }
}
